TASK_LOCKED = The task is locked
