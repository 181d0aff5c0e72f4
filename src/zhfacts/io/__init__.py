"""Documents in and records out: sources, writers, the command line, bulk and cluster runs,
the page report.
"""
