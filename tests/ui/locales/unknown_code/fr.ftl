TASK_NOT_FOUND = La tâche { $id } est introuvable

TASK_NOT_FUND = Introuvable
