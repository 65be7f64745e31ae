"""The opinion map's mathematics, after the Pol.is method (../docs/dialogue-method.md).

Pure numpy / scikit-learn: nothing here imports Django, so the analysis runs the same in a
background job, in the ``analyse_polis_export`` command and in the benchmark.
"""
