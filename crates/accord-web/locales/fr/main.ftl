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
progress-heading = Avancement
progress-sections-title = Engagements couverts, section par section
progress-sections-description = Pour chaque section de la charte, combien de ses engagements des projets convenus mettent en œuvre, et combien aucun ne couvre encore.
progress-groups-title = Projets par état, groupe de travail par groupe de travail
progress-groups-description = Pour chaque groupe de travail, ses projets par état, et combien de ses jalons sont achevés.
part-covered = couverts
part-uncovered = non couverts
progress-milestones = { $completed }/{ $total } jalons
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
pager-label = Pages de la liste
pager-range = Projets { $first } à { $last } sur { $total }.
pager-previous = Page précédente
pager-next = Page suivante
roadmap-pager-range = Jalons { $first } à { $last } sur { $total }.
roadmap-pager-label = Pages de la feuille de route
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

## Roadmap, project, meetings, record
roadmap-heading = Feuille de route
roadmap-baseline-agreed = Référence convenue par les deux parties le { $date } ; les écarts se mesurent par rapport à elle.
roadmap-no-baseline = Aucune feuille de route n’est encore convenue : pas de référence.
roadmap-empty = Aucun jalon que vous puissiez voir.
roadmap-table-caption = Les jalons de la feuille de route, leur échéance, la référence convenue et l’écart.
gantt-title = Feuille de route du groupe de travail
gantt-description = Une barre par jalon, finissant à son échéance ; un losange à l’échéance de référence ; l’écart en jours ; les dépendances en traits.
gantt-caption = Le tableau ci-dessous donne les mêmes informations.
gantt-baseline = Référence
gantt-legend = ◆ référence · barre verte : fait (✓) · bleue : en cours · rouge : en retard · pointillés : date de référence
col-baseline = Référence
col-drift = Écart
col-depends-on = Dépend de
milestone-state-done = Fait
milestone-state-open = En cours
milestone-state-overdue = En retard
drift-slipped = glissé de { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
drift-ahead = en avance de { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
group-people = Personnes
group-co-chairs = Coprésidents
group-members = Membres
group-none-yet = Personne pour l’instant.
group-people-hidden = Les personnes d’un groupe ne sont montrées qu’à ceux qui participent à la mise en œuvre de la charte.
group-pending = Propositions en attente
pending-none = Aucune proposition en attente que vous puissiez voir.
proposal-made-on = Proposée le { $date }
proposal-revision = version { $count }
proposal-no-approval = aucune approbation
proposal-approved-by = approuvée par
proposal-kind-project-list = Liste de projets
proposal-kind-roadmap = Feuille de route
proposal-kind-minutes = Compte rendu
proposal-kind-working-group = Nouveau groupe de travail
proposal-kind-dialogue-platform = Nouvelle plateforme de dialogue
proposal-kind-group-scope = Champ d'un groupe de travail
proposal-kind-project-amendment = Modification d'un projet convenu
project-details = Détails
project-group = Groupe de travail
project-lead-organisations = Organisations chefs de file
project-partners = Partenaires
project-start = Début
project-end = Fin
project-investment = Investissement
project-public-share = part publique
project-private-share = part privée
project-provisions = Dispositions mises en œuvre
project-provisions-none = Ce projet ne cite aucune disposition.
project-milestones = Jalons
project-milestones-none = Aucun jalon n’est rattaché à ce projet.
project-indicators = Indicateurs
project-indicators-none = Aucun indicateur n’est défini pour ce projet.
project-history = Historique dans le registre
indicator-baseline = Valeur de départ
indicator-target = Cible
indicator-measured = Mesuré le
indicator-measurements = Mesures
indicator-no-measurement = Aucune mesure pour l’instant.
indicator-higher-is-better = plus c’est haut, mieux c’est
indicator-lower-is-better = plus c’est bas, mieux c’est
indicator-chart-description = Les mesures dans le temps, avec la valeur de départ, la cible et le chemin prévu de l’une à l’autre.
indicator-chart-caption = Pointillés gris : départ ; verts : cible ; orange : chemin prévu ; points bleus : mesures.
col-date = Date
col-value = Valeur
col-source = Source
col-entry = Entrée
col-event = Événement
col-proof = Preuve
history-proof-link = preuve d’inclusion
history-tlog-proof-link = preuve de cet acte (.tlog-proof)
record-title = Le registre
record-lede = Le registre est un journal signé, en ajout seul : chacun peut vérifier qu’il n’a pas été modifié, sans faire confiance à l’autre partie.
record-checkpoint = Dernier point de contrôle signé
record-size = { $count ->
    [one] { $count } entrée
   *[other] { $count } entrées
}
record-verifier-key = Clé de vérification
record-verify-heading = Vérifier
record-verify-help = Enregistrez le point de contrôle ci-dessus dans checkpoint.txt et, avec une copie de la base (COPY), lancez :
record-no-checkpoint = Rien n’est encore signé.
record-proof-heading = Preuve d’inclusion d’une entrée
record-entry-label = Numéro de l’entrée
record-entry-submit = Prouver
record-proof-of = Entrée { $count }
record-proof-check = Vérifiez-la hors ligne :
record-no-entry = Aucune entrée { $count } que vous puissiez voir dans le dernier point de contrôle.
record-proof-help = Une preuve n’est donnée que pour les entrées qui concernent ce que vous pouvez voir ; pour le public, la charte elle-même et les projets publics.
meetings-title = Réunions
meetings-lede = Les réunions de la charte, des groupes de travail et des plateformes de dialogue, et l’ordre du jour que l’état du registre appelle.
meetings-calendar = Calendrier
meetings-months = Mois
meetings-none = Aucune réunion que vous puissiez voir.
agenda-heading = Ordre du jour proposé au { $date }
agenda-help = Tiré de l’état du registre : jalons en retard, propositions en attente, échéances des 60 prochains jours.
agenda-overdue = Jalons en retard
agenda-pending = Propositions en attente
agenda-due-soon = Échéances proches
agenda-nothing = Rien.
meeting-kind-charter = Réunion de la charte
meeting-kind-working-group = Groupe de travail
meeting-kind-dialogue-platform = Plateforme de dialogue
meeting-held-on = tenue le { $date }
meeting-scheduled = prévue
meeting-participants = Participants :
meeting-agenda = Ordre du jour
meeting-minutes = Compte rendu adopté
meeting-no-minutes = Pas encore de compte rendu adopté.
meeting-summary-only = Seules la date et le lieu de cette réunion sont publics.
col-decision-kind = Type
col-decision = Décision
col-owner = Responsable
decision-kind-information = Information
decision-kind-decision = Décision
decision-kind-action = Action
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Comptes, approbations et administration
login-title = Connexion
login-signed-in-as = Vous êtes connecté en tant que
login-failed = L’adresse électronique ou le mot de passe est erroné.
login-email = Adresse électronique
login-password = Mot de passe
login-submit = Se connecter
logout-submit = Se déconnecter
setup-title = Premier administrateur
setup-lede = Ce lien à usage unique crée le premier administrateur de l’instance : vous.
setup-name = Votre nom
setup-organisation = Votre organisation
setup-party = La partie à laquelle appartient votre organisation
setup-no-party = Aucune
setup-submit = Créer l’administrateur
invitation-title = Choisir votre mot de passe
invitation-lede = Vous êtes invité dans accord sous cette adresse. Choisissez un mot de passe d’au moins 10 caractères :
invitation-confirm = Le même mot de passe, à nouveau
invitation-submit = Enregistrer le mot de passe
approvals-title = Approbations
approvals-lede = Ce qui attend votre signature, en tant que
approvals-no-signature = Vous ne signez pour aucune partie : vous pouvez lire les propositions mais non les approuver.
approvals-waiting = En attente de la signature de ma partie
approvals-approved = Approuvé par ma partie, en attente de l’autre
approvals-adopted = Adopté par les deux parties
approvals-none = Rien ici.
approvals-done-approved = L’approbation de votre partie est enregistrée.
approvals-done-rejected = Le rejet de votre partie est enregistré.
approvals-done-withdrawn = L’approbation de votre partie est retirée.
approvals-done-proposed = La proposition est enregistrée.
signs-as-coordinator = Coordinateur : signe tout pour
signs-as-co-chair = Coprésident : signe les propositions d’un groupe de travail pour
approve-for = Approuver pour
reject-reason = Motif du rejet
reject-submit = Rejeter
withdraw-approval = Retirer l’approbation de ma partie
signing-kind-project-list = Liste de projets
signing-kind-roadmap = Feuille de route
signing-kind-minutes = Procès-verbal
signing-kind-working-group = Nouveau groupe de travail
signing-kind-dialogue-platform = Nouvelle plateforme de dialogue
signing-kind-group-scope = Champ d'un groupe de travail
signing-kind-project-amendment = Modification d'un projet convenu
signing-revision = Version { $version }, proposée le { $date }
signing-adopted-on = adoptée le { $date }
signing-hash = Empreinte du contenu (SHA-256) :
approval-approved = approuvé le { $date } par
approval-rejected = rejeté le { $date } :
approval-waiting = pas encore approuvé
my-party = ma partie
propose-title = Proposer la liste de projets
propose-breadcrumb = Proposer la liste de projets
propose-lede = Cochez les projets que contient la liste. Les deux parties doivent approuver la même liste pour qu’elle soit convenue.
propose-not-signatory = Vous ne signez pour aucune partie dans ce groupe de travail : la proposition sera refusée.
propose-projects = Projets du groupe de travail
propose-no-projects = Ce groupe de travail n’a encore aucun projet.
propose-and-approve = L’approuver en même temps pour
propose-submit = Proposer
admin-title = Administration
admin-done-organisation = L’organisation est enregistrée.
admin-done-person = La personne est enregistrée.
admin-done-granted = Le rôle est attribué.
admin-done-revoked = Le rôle est retiré.
admin-invitation-link = Envoyez ce lien à usage unique à la personne (il n’est montré qu’une fois) :
admin-people = Personnes
admin-organisations = Organisations
admin-id = Identifiant
admin-name = Nom
admin-organisation = Organisation
admin-roles = Rôles
admin-revoke = Retirer
admin-grant = Attribuer un rôle
admin-grant-submit = Attribuer
admin-person = Personne (identifiant)
admin-role = Rôle
admin-party = Partie
admin-group = Groupe de travail
admin-kind = Type
admin-register-person = Enregistrer une personne
admin-register-submit = Enregistrer
admin-invite = Inviter une personne
admin-invite-submit = Inviter
nav-meetings = Réunions
nav-record = Registre
record-download-checkpoint = Télécharger le point de contrôle (checkpoint.txt, à l’octet près)
record-witnesses = Témoins
record-cosigned-latest = Des témoins ont cosigné le dernier point de contrôle : chacun atteste avoir vu ce journal grandir sans réécriture.
record-cosigned-earlier = { $count ->
    [one] Les témoins ont cosigné en dernier le point de contrôle de { $count } entrée :
   *[other] Les témoins ont cosigné en dernier le point de contrôle de { $count } entrées :
}
record-cosigned-by = { $witness }, le { $time }
propose-roadmap-title = Proposer la feuille de route
propose-roadmap-lede = Un jalon par ligne : son identifiant, son titre, son échéance, le projet dont il relève (facultatif) et les identifiants des jalons dont il dépend. Les deux parties doivent approuver la même feuille de route ; une fois convenue, elle sert de référence.
propose-roadmap-milestones = Jalons
propose-roadmap-title-languages = Un titre écrit en texte simple est enregistré dans la langue de la page. Pour en donner une version par langue, placez chacune après son code de langue entre crochets : [az] Pilot hazırdır [fr] Pilote prêt.
approvals-propose = Proposer

## Le rapport annuel
report-link = Rapport annuel { $year }
report-title = Rapport annuel { $year }
report-period = Période : { $period }
report-signed-on = charte signée le { $date }
report-other-years = Autres années
report-print-hint = Pour imprimer ou enregistrer en PDF, utilisez la commande d’impression du navigateur (A4).
report-summary = L’année en chiffres
report-figure-groups = groupes de travail
report-figure-projects = projets
report-figure-acts = actes agréés par les deux parties
report-figure-milestones = jalons achevés / dus cette année
report-figure-overdue = jalons en retard
report-figure-meetings = réunions tenues
report-figure-coverage = engagements couverts
report-chart-milestones = Jalons de { $year }, par groupe de travail
report-chart-milestones-description = Pour chaque groupe de travail, ses jalons dus ou achevés cette année : achevés, en retard, encore ouverts.
report-chart-milestones-caption = Jalons dus ou achevés cette année, selon leur état à la date du rapport.
report-chart-projects = Projets par groupe de travail, selon leur statut
report-chart-projects-description = Pour chaque groupe de travail, le nombre de projets dans chaque statut.
report-chart-projects-caption = Projets par statut, tels que le registre les tient à son point de contrôle.
report-obligations = Obligations tenues ou manquées
report-col-obligation = Obligation
report-agreed = Agréé cette année
report-nothing-agreed = Rien n’a été agréé par les deux parties cette année.
report-col-act = Acte
report-col-adopted = Adopté le
report-col-items = Éléments
report-col-signatures = Signé pour chaque partie (par, le)
report-act-project-list = Liste de projets
report-act-roadmap = Feuille de route
report-act-minutes = Procès-verbal
report-act-working-group = Nouveau groupe de travail
report-act-dialogue-platform = Nouvelle plateforme de dialogue
report-act-group-scope = Champ d'un groupe de travail
report-act-project-amendment = Modification d'un projet convenu
report-as-coordinator = coordinateur
report-as-co-chair = coprésident
report-no-projects = Aucun projet pour l’instant.
report-milestones = Jalons de l’année
report-milestone-summary = { $due } dus cette année, { $completed } achevés, { $overdue } en retard, { $open } encore ouverts.
report-milestone-completed = achevé
report-milestone-open = ouvert
report-milestone-overdue = en retard
report-col-completed = Achevé le
report-indicators = Indicateurs
report-col-indicator = Indicateur
report-col-target = Cible
report-col-latest = Dernière mesure de l’année
report-col-progress = Progrès vers la cible
report-no-measurement = aucune mesure cette année
report-charter-acts = Actes de la charte dans son ensemble
report-uncovered = Engagements qu’aucun projet ne couvre encore
report-col-provision = Disposition
report-col-commitment = Engagement
report-meetings = Réunions tenues cette année
report-no-meetings = Aucune réunion n’a été tenue cette année.
report-minutes-adopted = Procès-verbal adopté le { $date }.
report-col-decision = Décision
report-col-owner = Responsable
report-record = Le registre d’où vient ce rapport
report-record-intro = Les chiffres ont été lus dans le registre signé, à son point de contrôle de { $count ->
    [one] { $count } entrée
   *[other] { $count } entrées
}, journal
report-root-hash = Empreinte racine :
report-verify-help = Pour vérifier un chiffre : enregistrez le point de contrôle ci-dessus sous checkpoint.txt et vérifiez sa signature ; avec une copie de la base (COPY), vérifiez tout le journal ; puis prouvez que chaque entrée sur laquelle repose un chiffre (son index figure dans l’historique du projet, sur sa page) est dans ce point de contrôle :
report-meeting-missed = { $count ->
    [one] Une année s’est close cette année sans sa réunion de la charte.
   *[other] { $count } années se sont closes cette année sans leur réunion de la charte.
}
downloads-heading = Téléchargements
download-akn = La charte (Akoma Ntoso XML)
download-iati = Projets (IATI XML)
download-ics = Réunions, échéances et jalons (iCalendar)
download-csv-projects = Projets (CSV)
download-csv-milestones = Jalons (CSV)
download-csv-measurements = Mesures des indicateurs (CSV)
download-popolo = Organisations et personnes (Popolo JSON)
download-json = Tout ce que vous pouvez voir (JSON)
calendar-title = Flux d’agenda
calendar-subscribe = S’abonner à votre flux d’agenda
calendar-lede = Une adresse privée à laquelle les logiciels d’agenda s’abonnent : les réunions, échéances et jalons que vous pouvez voir. Quiconque a l’adresse les voit aussi : gardez-la pour vous, et révoquez-la si elle a été partagée.
calendar-none = Vous n’avez pas de flux d’agenda.
calendar-since = Votre flux d’agenda a été créé le { $date }.
calendar-create = Créer un nouveau flux d’agenda
calendar-revoke = Révoquer le flux d’agenda
calendar-new-url = L’adresse de votre flux d’agenda, affichée seulement maintenant (un nouveau flux met fin à l’ancien) :
calendar-revoked = Le flux d’agenda est révoqué : son adresse ne répond plus.

search-label = Rechercher
search-button = Rechercher
search-title = Recherche
search-empty = Saisissez un ou plusieurs mots : la recherche porte sur les dispositions, groupes de travail, projets, jalons et réunions que vous pouvez voir, sans tenir compte des majuscules ni des accents.
search-summary = { $count ->
    [0] Aucun résultat.
    [one] { $count } résultat.
   *[other] { $count } résultats.
}
search-shown = Les { $count } premiers sur { $total }.
search-kind-provision = Dispositions
search-kind-working-group = Groupes de travail
search-kind-project = Projets
search-kind-milestone = Jalons
search-kind-meeting = Réunions
search-kind-organisation = Organisations
search-kind-person = Personnes
text-only-in = (seulement en { $language })

## The charter's acts: meetings
meeting-new-title = Programmer une réunion
meeting-new-lede = Choisissez la réunion et sa date, demandez l'ordre du jour que le registre propose, puis modifiez-le. Chaque texte peut être écrit en azerbaïdjanais, en anglais et en français côte à côte ; une langue suffit.
meeting-new-none = Vous ne pouvez programmer aucune réunion : la réunion de la Charte est programmée par un coordinateur, celle d'un groupe par ses coprésidents et membres.
meeting-new-what = La réunion
meeting-new-kind = Réunion
meeting-new-date = Date
meeting-new-propose-agenda = Proposer l’ordre du jour de cette réunion
meeting-new-place = Lieu ou adresse en ligne
meeting-new-title-field = Titre
meeting-new-agenda-help = Cochez les points à garder. Dispositions, projets et jalons : des identifiants séparés par des virgules.
meeting-new-agenda-item = Autre point
meeting-new-agenda-title = Point
meeting-new-projects = Projets
meeting-new-milestones = Jalons
meeting-new-submit = Programmer la réunion
agenda-reason-overdue-milestone = Jalon en retard
agenda-reason-pending-proposal = Proposition en attente d’approbation
agenda-reason-open-action = Action ouverte
agenda-reason-deadline = Échéance avant la réunion
agenda-reason-uncovered = Engagement qu’aucun projet ne couvre
meeting-title = Réunion
meeting-attendees = Présents :
meeting-minutes-after = Le procès-verbal est proposé une fois la réunion enregistrée comme tenue.
actions-title = Actions
actions-none = Aucune action issue d’un procès-verbal adopté.
action-note = Note
action-done-submit = Marquer comme faite
action-done-on = Faite le { $date }
documents-title = Documents
documents-none = Aucun document joint.
meeting-held-form = Enregistrer la réunion comme tenue
meeting-held-date = Tenue le
meeting-held-submit = L’enregistrer comme tenue
minutes-form = Proposer le procès-verbal
minutes-form-help = Les deux parties adoptent le procès-verbal en l’approuvant : leur approbation couvre chaque version linguistique. Une action demande un responsable et une échéance.
minutes-text = Procès-verbal
minutes-submit = Proposer le procès-verbal
meeting-move-form = Déplacer ou annuler
meeting-reason = Motif
meeting-move-submit = Déplacer la réunion
meeting-cancel-submit = Annuler la réunion
meeting-cancelled-on = Annulée le { $date } :
meeting-moved-from = Déplacée du { $date } :
meeting-done-scheduled = La réunion est programmée.
meeting-done-held = La réunion est enregistrée comme tenue.
meeting-done-rescheduled = La réunion est déplacée.
meeting-done-cancelled = La réunion est annulée.
meeting-done-minutes = Le procès-verbal est proposé.
meeting-done-action = L’action est marquée comme faite.
meetings-schedule-link = Programmer une réunion
meeting-open = Ouvrir la réunion
meeting-cancelled = Annulée le { $date }
form-error-see = (le formulaire)

## The charter's acts: groups and platforms
group-new-title = Proposer une plateforme de dialogue ou un groupe de travail
group-new-lede = La Charte permet aux parties de créer d'autres plateformes de dialogue d'un commun accord. Une proposition prend effet quand les deux parties l'approuvent.
group-new-coordinators = Seul un coordinateur, qui signe pour une partie sur la Charte entière, peut en proposer.
group-new-kind = Ce qui est créé
group-new-id = Identifiant
group-new-id-help = lettres minuscules, chiffres et tirets
group-new-name = Nom
group-new-purpose = Objet
group-new-scope = Dispositions de son champ (un groupe de travail)
group-new-submit = Le proposer
group-scope-title = Champ
group-scope-lede = Les dispositions de la Charte que ce groupe met en œuvre. Les coprésidents des deux parties les approuvent.
group-scope-submit = Proposer ce champ
group-scope-link = Proposer son champ
groups-new-link = Proposer une plateforme de dialogue ou un groupe de travail
actions-none-open = Aucune action ouverte.
actions-overdue = { $count ->
    [one] 1 action en retard
   *[other] { $count } actions en retard
}
documents-attach = Un fichier (procès-verbal signé, présentation)
documents-attach-submit = Joindre
meeting-done-document = Le document est joint ; son empreinte est au registre.

## Refusals, explained in the reader's language
refusal-invalid = Le registre refuse cette saisie : corrigez le champ indiqué.
refusal-forbidden = Cet acte ne vous revient pas.
refusal-not-found = Un élément nommé ici n’existe pas au registre.
refusal-already-exists = Cet élément existe déjà au registre.
refusal-not-signatory = Vous ne signez pour aucune partie sur ce point.
refusal-stale-content = La proposition a changé depuis votre lecture : relisez-la avant d’approuver.
refusal-agreement = L’accord entre les parties ne le permet pas maintenant.
refusal-unknown-provision = Cette disposition n’est pas dans la Charte.
refusal-no-provision = Indiquez au moins une disposition de la Charte.
refusal-conflict = Le registre a changé au même moment : réessayez.
signing-took-effect = A pris effet le { $date }, comme le montre le document { $evidence } ; les règles en jugent à cette date.
proposal-kind-recorded = Acte enregistré après sa prise d’effet
withdraw-proposal = Retirer la proposition (pour les deux parties)
approvals-done-proposal-withdrawn = La proposition est retirée.

## La vie d’un projet dans le navigateur
project-new-title = Proposer un projet
project-new-lede = Un coprésident ou un membre d’un groupe de travail y propose un projet. Écrivez son titre et sa description dans la langue de chaque partie, côte à côte ; les deux parties l’approuvent avec la liste des projets du groupe.
project-new-who = Seul un coprésident ou un membre d’un groupe de travail peut y proposer un projet.
project-new-submit = Proposer le projet
project-new-link = Proposer un projet
project-title = Titre
project-description = Description
project-languages-missing = Manque encore en : { $language }
project-provisions-choose = Dispositions de la charte qu’il met en œuvre (au moins une)
project-partners-choose = Partenaires (organisations enregistrées, dont des entreprises privées)
project-amount = Montant
project-currency = Devise (ISO 4217)
project-public-share-percent = Part publique (%)
project-done-proposed = Le projet est proposé. Les deux parties l’approuvent avec la liste des projets du groupe.
project-done-amended = Le projet est modifié.
project-done-change-proposed = La modification est proposée aux deux parties ; la version approuvée vaut jusqu’à ce que les deux l’approuvent.
project-done-status = Le statut est enregistré.
project-done-milestone-completed = Le jalon est marqué comme atteint.
project-done-milestone-rescheduled = Le jalon est déplacé.
project-done-indicator = L’indicateur est défini.
project-done-measurement = La mesure est enregistrée.
project-done-measurements-imported = Toutes les mesures du fichier sont enregistrées.
project-done-document = Le document est joint ; son empreinte est dans le registre.
measurements-import-file = Mesures depuis un fichier CSV
measurements-import-submit = Importer les mesures
measurements-import-help = Colonnes, dans n’importe quel ordre : indicator, date, value, source (et unit, project, indicator_name s’il y a lieu), telles que l’export CSV les écrit. Toutes les lignes sont enregistrées, ou aucune : un fichier refusé indique la ligne et la colonne à corriger.
project-pending = Modification en attente des deux parties
project-pending-help = Tant que les deux parties ne l’ont pas approuvée, la version approuvée vaut. Proposition :
project-pending-agreed = Version approuvée
project-pending-proposed = Modification proposée
col-field = Champ
project-amend-form = Modifier le projet
project-amend-proposes = Les deux parties ont approuvé ce projet : une modification leur est proposée et prend effet quand les deux l’approuvent.
project-amend-at-once = La liste des projets n’est pas encore approuvée : une modification s’applique aussitôt (et annule les approbations d’une liste en attente qui le contient).
project-amend-open = Afficher le formulaire
project-amend-propose-submit = Proposer la modification
project-amend-submit = Enregistrer la modification
project-status-form = Changer le statut
project-status-submit = Enregistrer le statut
milestone-completed-on = Atteint le
milestone-note = Note
milestone-complete-submit = Marquer comme atteint
milestone-new-due = Nouvelle échéance
milestone-reschedule-submit = Déplacer
indicator-measure-submit = Enregistrer la mesure
indicator-define-form = Définir un indicateur
indicator-name = Nom
indicator-unit = Unité
indicator-direction = Sens
indicator-define-submit = Définir l’indicateur
col-who = Qui
history-description-diff = Modifications de la description :
history-project-proposed = Projet proposé
history-project-amended = Projet modifié
history-status-changed = Statut changé
history-change-proposed = Modification proposée aux deux parties
history-change-amended = Modification proposée amendée
history-change-approved = Modification approuvée par une partie
history-list-approved = Liste des projets approuvée par une partie
history-approval-withdrawn = Approbation retirée
history-approvals-voided = Approbations annulées par une modification
history-change-rejected = Modification rejetée
history-list-rejected = Liste des projets rejetée
history-change-adopted = Modification adoptée par les deux parties
history-list-adopted = Liste des projets approuvée par les deux parties
history-change-withdrawn = Proposition retirée
history-milestone-completed = Jalon atteint
history-milestone-rescheduled = Jalon déplacé
history-indicator-defined = Indicateur défini
history-measurement-recorded = Mesure enregistrée
history-other = Entrée concernant le projet
