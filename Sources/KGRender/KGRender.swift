// KGRender: in progress
