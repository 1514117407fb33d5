# accord — interface en français (langue de référence de la charte).

skip-to-content = Aller au contenu
brand-tagline = Registre de la mise en œuvre de la charte
nav-label = Navigation principale
nav-dashboard = Tableau de bord
nav-charter = La charte
nav-public = Portail public
nav-api = API
lang-switcher-label = Langue
footer-text = accord — registre infalsifiable de la mise en œuvre d’une charte de partenariat stratégique

days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

## Tableau de bord
dashboard-title = Tableau de bord
dashboard-lede = Les règles de la charte au { $date } (charte signée le { $signed }).
as-of-label = Date d’évaluation
as-of-submit = Afficher
groups-heading = Groupes de travail
groups-caption = Échéances de chaque groupe de travail au { $date }
col-group = Groupe de travail
col-projects = Projets
projects-count = { $agreed ->
    [one] { $agreed } convenu
   *[other] { $agreed } convenus
}, { $proposed ->
    [one] { $proposed } proposé
   *[other] { $proposed } proposés
}
deliverable-project-list = Liste des projets
deliverable-roadmap = Feuille de route
state-met = respectée
state-pending = à venir
state-overdue = en retard
deadline-met = respectée le { $date }
deadline-met-late = respectée le { $date }, avec { $days ->
    [one] { $days } jour
   *[other] { $days } jours
} de retard
deadline-due-today = échéance aujourd’hui ({ $date })
deadline-due-in = échéance dans { $days ->
    [one] { $days } jour
   *[other] { $days } jours
} ({ $date })
deadline-overdue = en retard de { $days ->
    [one] { $days } jour
   *[other] { $days } jours
} (échéance le { $date })
timeline-title = Calendrier des échéances
timeline-caption = Chaque ligne va de la signature à l’échéance : liste des projets en haut, feuille de route en bas. ● respectée, ◇ à venir, ✕ en retard ; le trait vertical marque la date d’évaluation.
timeline-description = Les échéances de chaque groupe de travail, de la signature de la charte à la prochaine réunion de la charte ; le tableau des groupes de travail donne les mêmes informations.
timeline-signature = Signature
timeline-as-of = Date d’évaluation
timeline-meeting = Prochaine réunion de la charte
meeting-heading = Prochaine réunion de la charte
meeting-met = La réunion de cette année s’est tenue ; la suivante est due au plus tard le { $date }.
meeting-overdue = En retard de { $days ->
    [one] { $days } jour
   *[other] { $days } jours
} : une réunion était due au plus tard le { $date }.
meeting-due = Due au plus tard le { $date } (dans { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}).
meetings-held = { $count ->
    [0] Aucune réunion de la charte tenue.
    [one] { $count } réunion de la charte tenue.
   *[other] { $count } réunions de la charte tenues.
}
meeting-none = La charte ne prévoit pas de réunion périodique.
coverage-heading = Engagements couverts
coverage-summary = { $covered } engagements sur { $commitments } mis en œuvre par des projets convenus.
uncovered-count = { $count ->
    [one] { $count } engagement non couvert
   *[other] { $count } engagements non couverts
}
overdue-heading = Jalons en retard
overdue-none = Aucun jalon en retard.
col-milestone = Jalon
col-due = Échéance
col-late = Retard

## Projets
project-status-proposed = proposé
project-status-agreed = convenu
project-status-in-progress = en cours
project-status-completed = achevé
project-status-suspended = suspendu
project-status-cancelled = annulé
classification-public = public
classification-partnership = partenariat
classification-restricted = restreint
projects-none = Aucun projet visible.
col-project = Projet
col-status = Statut
col-classification = Diffusion
col-provisions = Dispositions
col-lead-party = Partie chef de file
col-period = Période

## La charte
charter-title = La charte
charter-signed-on = signée le { $date }
charter-uncovered-summary = { $count ->
    [0] Tous les engagements sont mis en œuvre par au moins un projet convenu.
    [one] { $count } engagement n’est mis en œuvre par aucun projet convenu ; il est signalé ci-dessous.
   *[other] { $count } engagements ne sont mis en œuvre par aucun projet convenu ; ils sont signalés ci-dessous.
}
charter-toc = Sections de la charte
charter-preamble = Préambule
charter-section = Section { $numeral }
badge-commitment = engagement
badge-uncovered = non couvert
cited-by = Projets qui citent cette disposition :

## Groupe de travail
breadcrumb-label = Fil d’Ariane
group-is-platform = Plateforme de dialogue
group-is-group = Groupe de travail
group-deadlines = Échéances
no-deadline = aucune échéance fixée par la charte
group-scope = Champ
group-scope-empty = Le champ de ce groupe n’est pas encore défini.
group-projects = Projets

## Portail public
public-title = Portail public
public-lede = Ce que les deux gouvernements ont convenu et rendu public dans la mise en œuvre de la charte.
public-as-of = Au { $date } :

## Erreurs
not-found-title = Page introuvable
not-found-text = Il n’y a rien à cette adresse. Vérifiez le lien, ou repartez du tableau de bord.
server-error-title = Le serveur n’a pas pu répondre
server-error-text = L’erreur est consignée sous le code ci-dessous ; rien de ce qui est enregistré n’est perdu.
request-error-title = La demande ne peut pas être traitée
request-error-text = Le détail ci-dessous dit ce qu’il faut corriger.
error-status = Statut HTTP
error-code = Code
error-message = Détail
back-to-dashboard = Retour au tableau de bord

## API
api-title = L’API JSON
api-lede = Tout ce que montrent ces pages, en JSON, pour les scripts. Chaque réponse est filtrée selon qui la demande.
api-document = Le document OpenAPI { $version } :
api-errors = Les erreurs ont un code stable :
api-operations = Opérations
api-parameters = Paramètres
api-param-name = Nom
api-param-in = Emplacement
api-param-required = Obligatoire
api-param-description = Description
api-responses = Réponses
api-status = Statut
yes = oui
no = non
