TASK_LOCKED = A tarefa está bloqueada
