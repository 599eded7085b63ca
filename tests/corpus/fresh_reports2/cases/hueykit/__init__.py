"""A reduced task queue in the shape of huey: a consumer that runs tasks in worker processes."""
