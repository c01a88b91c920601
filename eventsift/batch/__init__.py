"""Batch mode: the pipeline's stages over many inputs, in partitions, on Dask."""
