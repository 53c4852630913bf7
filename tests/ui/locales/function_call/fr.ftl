TASK_NOT_FOUND = La tâche { NUMBER($id) } est introuvable
