#!/usr/bin/env python3
"""Load a workbook with openpyxl and touch every cell's value (the
comparison point of testdata/bench/README.md). usage: openpyxl_read.py FILE.xlsx"""
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
n = 0
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                n += 1
print(n, "values")
