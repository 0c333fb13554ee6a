"""Speed and memory benchmarks of the extraction pipeline (``python -m benchmarks``).

Not part of the tests. See :mod:`benchmarks.__main__` for what is measured. The
TempEval-3 and CoNLL-2003 quality benchmarks are separate scripts in this folder.
"""
