billing-declined = Carte refusée
