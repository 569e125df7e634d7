"""Import of customers and equipment from Excel and CSV files (no Qt: the wizard and the CLI
share it).

sources.py reads a sheet or a CSV file row by row; columns.py guesses which column holds
which field; values.py reads dates and cells; plan.py validates every row against the file
and the database and works out what would be created or updated; write.py writes a plan in
one transaction; report.py saves the rejected rows as an Excel file. The permission-checked
entry points are in workstation/services/data_import.py.
"""
