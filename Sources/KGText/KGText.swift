// KGText: in progress
