"""The ground floor: the canonical target-table model, the value grammar, units and framework vocabulary.

No I/O here: nothing in `domain/` knows of files, Django or the command line.
"""
