import report

report.show(dependency="e2eapp")
