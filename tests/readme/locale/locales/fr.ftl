TASK_NOT_FOUND = La tâche { $id } est introuvable
TOO_MANY_TASKS = { $count ->
    [one] Vous avez { $count } tâche ouverte
   *[other] Vous avez { $count } tâches ouvertes
}
VALIDATION_FAILED = La requête n'est pas valide
    .required = Obligatoire
apierror-internal = Une erreur inattendue s'est produite. Veuillez réessayer plus tard.
apierror-status-404 = Introuvable
UNAUTHORIZED = Une authentification est requise
RATE_LIMIT_EXCEEDED = Trop de requêtes
apierror-unavailable = Le service est momentanément indisponible. Veuillez réessayer plus tard.
apierror-malformed-body = Le corps de la requête n'est pas du JSON valide.
apierror-unsupported-media-type = Le type de contenu du corps de la requête n'est pas pris en charge.
apierror-invalid-body = Le corps de la requête n'est pas valide.
apierror-invalid-query = La chaîne de requête n'est pas valide.
apierror-invalid-path = Le chemin de la requête n'est pas valide.
apierror-payload-too-large = Le corps de la requête est trop volumineux.
apierror-status-400 = Requête incorrecte
apierror-status-401 = Non autorisé
apierror-status-405 = Méthode non autorisée
apierror-status-408 = Délai d'attente de la requête dépassé
apierror-status-409 = Conflit
apierror-status-412 = Échec de la précondition
apierror-status-413 = Contenu trop volumineux
apierror-status-415 = Type de média non pris en charge
apierror-status-422 = Entité non traitable
apierror-status-429 = Trop de requêtes
apierror-status-500 = Erreur interne du serveur
