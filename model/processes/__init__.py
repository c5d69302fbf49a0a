"""The monthly processes, one module each, called by `WorkforceModel.step` in order."""
