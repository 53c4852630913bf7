TASK_LOCKED = La tâche est verrouillée
    .owner = Verrouillée par { $owner }
