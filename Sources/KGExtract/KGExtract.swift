// KGExtract: in progress
