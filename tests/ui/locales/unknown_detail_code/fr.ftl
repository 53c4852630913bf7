TASK_NOT_FOUND = La tâche { $id } est introuvable
INVALID_TITLE = Le titre est invalide
    .empty = Obligatoire
    .emtpy = Obligatoire
