TASK_NOT_FOUND = La tâche { $id } de { $owner } est introuvable
