// KGRDF: in progress
