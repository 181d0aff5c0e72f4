"""The number engine: numerals to exact decimals, units, figures (MONEY, QUANTITY, PERCENT)
and dates.
"""
