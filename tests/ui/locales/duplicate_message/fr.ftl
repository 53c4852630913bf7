TASK_LOCKED = La tâche est verrouillée
TASK_LOCKED = Verrouillée
