apierror-internl = Une erreur inattendue
