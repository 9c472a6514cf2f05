"""整改台账 (rectification ledger): problems found in inspections, chased until verified and crossed off.

Layers, each in its own module:
    model      plain data (Problem, Event, GridLog) and the YAML files' models (config.yaml, grids.yaml)
    machine    the state machine, pure: who may do what from which state, and how an event changes a problem
    deadlines  default deadlines, days overdue and escalation, pure
    store      SQLite storage: an append-only event table plus a projection, one transaction per change
    service    validation of user input against the workspace (units, items, places, photos, dates)
    sync / importing / grids / bulletin / scoring   the features built on the above
"""
