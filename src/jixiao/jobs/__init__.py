"""Batch work (批量处理): the same job code for `jixiao batch` (a process pool) and, later, background workers."""
