import report

report.show()
