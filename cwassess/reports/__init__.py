"""The reports people hand over (`cwassess report`): view models built from a ScoreResult, and their writer.

- gap.py          差距分析报告: verdict, sections, every item not 达标 with its evidence, top gaps, ranking, waivers
- checklist.py    迎评材料缺口清单: every required material per department and item, with its state and deadline
- departments.py  部门责任清单: one sheet per department (claimed items, status, gaps, materials, open problems)
- write.py        renders the chosen formats (HTML, PDF, Excel, JSON) into <workspace>/reports/
The view models are pure functions of their inputs: no I/O, no clock.
"""
