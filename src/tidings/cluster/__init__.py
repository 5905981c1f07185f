"""Story clustering: online, incremental grouping of articles into stories."""
