# French messages of the tasks service. Each message is keyed by its error's code; the
# `apierror-*` messages translate the sentences apierror writes itself (README, "Localized
# messages"). A message may use only the placeholders its `#[message]` names.

## TaskError

INVALID_PARAMETER = Le paramètre `{ $name }` doit être compris entre 1 et { $max }
TASK_NOT_FOUND = La tâche d'identifiant { $id } est introuvable
DUPLICATE_TITLE = Une tâche intitulée `{ $title }` existe déjà
VERSION_MISMATCH = La tâche a changé ; sa version actuelle est { $current }
VALIDATION_FAILED = La tâche n'est pas valide
    .empty = Ne doit pas être vide
    .too_long = Ne doit pas dépasser 100 caractères
    .out_of_range = Doit être compris entre 1 et 5
RATE_LIMIT_EXCEEDED = { $secs ->
    [one] Limite de débit dépassée. Réessayez dans { $secs } seconde
   *[other] Limite de débit dépassée. Réessayez dans { $secs } secondes
}

## AuthError

UNAUTHORIZED = Une authentification est requise pour accéder à cette ressource
INVALID_TOKEN = Le jeton d'accès n'est pas valide

## apierror's own sentences

apierror-internal = Une erreur inattendue s'est produite. Veuillez réessayer plus tard.
apierror-unavailable = Le service est momentanément indisponible. Veuillez réessayer plus tard.
apierror-malformed-body = Le corps de la requête n'est pas du JSON valide.
apierror-unsupported-media-type = Le type de contenu du corps de la requête n'est pas pris en charge.
apierror-invalid-body = Le corps de la requête n'est pas valide.
apierror-invalid-query = La chaîne de requête n'est pas valide.
apierror-invalid-path = Le chemin de la requête n'est pas valide.
apierror-payload-too-large = Le corps de la requête est trop volumineux.
apierror-status-400 = Requête incorrecte
apierror-status-401 = Non autorisé
apierror-status-404 = Introuvable
apierror-status-405 = Méthode non autorisée
apierror-status-408 = Délai d'attente de la requête dépassé
apierror-status-409 = Conflit
apierror-status-412 = Échec de la précondition
apierror-status-413 = Contenu trop volumineux
apierror-status-415 = Type de média non pris en charge
apierror-status-422 = Entité non traitable
apierror-status-429 = Trop de requêtes
apierror-status-500 = Erreur interne du serveur
