TASK_NOT_FOUND = La tâche { $id } est introuvable
TOO_MANY_TASKS = { $count ->
    [one] Vous avez { $count } tâche ouverte
   *[other] Vous avez { $count } tâches ouvertes
}
VALIDATION_FAILED = La requête n'est pas valide
    .required = Obligatoire
apierror-internal = Une erreur inattendue s'est produite. Veuillez réessayer plus tard.
apierror-status-404 = Introuvable
