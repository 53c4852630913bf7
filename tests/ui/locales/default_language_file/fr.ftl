TASK_LOCKED = La tâche est verrouillée
