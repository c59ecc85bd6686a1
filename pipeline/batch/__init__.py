"""Batch machinery: inputs, the runner and its run state, the output folder, the entity
registry file and the Dask runner."""
