TASK_NOT_FOUND = La tâche { $id } est introuvable
NOT_FOUND = Introuvable
