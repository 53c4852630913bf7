VALIDATION_FAILED = La requête est invalide
    .length = Au moins { $minimum } caractères
