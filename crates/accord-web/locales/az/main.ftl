# accord — Azərbaycan dilində interfeys.

skip-to-content = Məzmuna keç
brand-tagline = Xartiyanın icrasının reyestri
nav-label = Əsas naviqasiya
nav-dashboard = İdarə paneli
nav-charter = Xartiya
nav-public = İctimai portal
nav-api = API
lang-switcher-label = Dil
footer-text = accord — strateji tərəfdaşlıq xartiyasının icrasının dəyişdirilməsi aşkar edilən reyestri

days = { $count } gün

## İdarə paneli
dashboard-title = İdarə paneli
dashboard-lede = Xartiyanın qaydaları { $date } tarixinə (xartiya { $signed } tarixində imzalanıb).
as-of-label = Qiymətləndirmə tarixi
as-of-submit = Göstər
groups-heading = İşçi qruplar
groups-caption = Hər işçi qrupun { $date } tarixinə son müddətləri
col-group = İşçi qrup
col-projects = Layihələr
projects-count = { $agreed } razılaşdırılıb, { $proposed } təklif edilib
deliverable-project-list = Layihələr siyahısı
deliverable-roadmap = Yol xəritəsi
state-met = yerinə yetirilib
state-pending = gözlənilir
state-overdue = gecikir
deadline-met = { $date } tarixində yerinə yetirilib
deadline-met-late = { $date } tarixində, { $days } gün gecikmə ilə yerinə yetirilib
deadline-due-today = son müddət bu gündür ({ $date })
deadline-due-in = son müddətə { $days } gün qalıb ({ $date })
deadline-overdue = { $days } gün gecikir (son müddət { $date })
timeline-title = Son müddətlərin qrafiki
timeline-caption = Hər xətt imzadan son müddətədək uzanır: yuxarıda layihələr siyahısı, aşağıda yol xəritəsi. ● yerinə yetirilib, ◇ gözlənilir, ✕ gecikir; şaquli xətt qiymətləndirmə tarixini göstərir.
timeline-description = Hər işçi qrupun son müddətləri, xartiyanın imzalanmasından növbəti xartiya görüşünədək; işçi qruplar cədvəli eyni məlumatı verir.
timeline-signature = İmza
timeline-as-of = Qiymətləndirmə tarixi
timeline-meeting = Növbəti xartiya görüşü
meeting-heading = Növbəti xartiya görüşü
meeting-met = Bu ilin görüşü keçirilib; növbəti görüş ən gec { $date } tarixində keçirilməlidir.
meeting-overdue = { $days } gün gecikir: görüş ən gec { $date } tarixində keçirilməli idi.
meeting-due = Ən gec { $date } tarixində ({ $days } gün qalıb).
meetings-held = { $count ->
    [0] Hələ xartiya görüşü keçirilməyib.
   *[other] { $count } xartiya görüşü keçirilib.
}
meeting-none = Xartiya dövri görüş nəzərdə tutmur.
coverage-heading = Əhatə olunan öhdəliklər
coverage-summary = { $commitments } öhdəlikdən { $covered } razılaşdırılmış layihələrlə icra olunur.
uncovered-count = { $count } əhatə olunmayan öhdəlik
overdue-heading = Gecikən mərhələlər
overdue-none = Gecikən mərhələ yoxdur.
col-milestone = Mərhələ
col-due = Son müddət
col-late = Gecikmə

## Layihələr
project-status-proposed = təklif edilib
project-status-agreed = razılaşdırılıb
project-status-in-progress = icra olunur
project-status-completed = başa çatıb
project-status-suspended = dayandırılıb
project-status-cancelled = ləğv edilib
classification-public = ictimai
classification-partnership = tərəfdaşlıq
classification-restricted = məhdud
projects-none = Göstəriləcək layihə yoxdur.
col-project = Layihə
col-status = Status
col-classification = Məxfilik
col-provisions = Müddəalar
col-lead-party = Aparıcı tərəf
col-period = Dövr

## Xartiya
charter-title = Xartiya
charter-signed-on = { $date } tarixində imzalanıb
charter-uncovered-summary = { $count ->
    [0] Hər öhdəlik ən azı bir razılaşdırılmış layihə ilə icra olunur.
   *[other] { $count } öhdəlik heç bir razılaşdırılmış layihə ilə icra olunmur; aşağıda qeyd olunub.
}
charter-toc = Xartiyanın bölmələri
charter-preamble = Preambula
charter-section = Bölmə { $numeral }
badge-commitment = öhdəlik
badge-uncovered = əhatə olunmayıb
cited-by = Bu müddəaya istinad edən layihələr:

## İşçi qrup
breadcrumb-label = Naviqasiya zənciri
group-is-platform = Dialoq platforması
group-is-group = İşçi qrup
group-deadlines = Son müddətlər
no-deadline = xartiya son müddət təyin etmir
group-scope = Əhatə dairəsi
group-scope-empty = Bu qrupun əhatə dairəsi hələ müəyyən edilməyib.
group-projects = Layihələr

## İctimai portal
public-title = İctimai portal
public-lede = İki hökumətin xartiyanın icrasında razılaşdırdığı və ictimaiyyətə açıqladığı məlumatlar.
public-as-of = { $date } tarixinə:

## Xətalar
not-found-title = Səhifə tapılmadı
not-found-text = Bu ünvanda heç nə yoxdur. Keçidi yoxlayın və ya idarə panelindən yenidən başlayın.
server-error-title = Server cavab verə bilmədi
server-error-text = Xəta aşağıdakı kodla qeydə alınıb; qeydə alınmış heç nə itməyib.
request-error-title = Sorğu icra edilə bilmir
request-error-text = Aşağıdakı izah nəyi düzəltmək lazım olduğunu göstərir.
error-status = HTTP statusu
error-code = Kod
error-message = İzah
back-to-dashboard = İdarə panelinə qayıt

## API
api-title = JSON API
api-lede = Bu səhifələrin göstərdiyi hər şey, skriptlər üçün JSON formatında. Hər cavab sorğu verənə görə süzülür.
api-document = OpenAPI { $version } sənədi:
api-errors = Xətaların sabit kodu var:
api-operations = Əməliyyatlar
api-parameters = Parametrlər
api-param-name = Ad
api-param-in = Yer
api-param-required = Məcburi
api-param-description = Təsvir
api-responses = Cavablar
api-status = Status
yes = bəli
no = xeyr

## Roadmap, project, meetings, record
roadmap-heading = Yol xəritəsi
roadmap-baseline-agreed = Baza hər iki tərəfin razılığı ilə { $date } tarixində qəbul edilib; sürüşmə ona görə ölçülür.
roadmap-no-baseline = Hələ razılaşdırılmış yol xəritəsi yoxdur: baza yoxdur.
roadmap-empty = Görə biləcəyiniz mərhələ yoxdur.
roadmap-table-caption = Yol xəritəsinin mərhələləri, son tarixləri, razılaşdırılmış baza və sürüşmə.
gantt-title = İşçi qrupun yol xəritəsi
gantt-description = Hər mərhələ üçün son tarixində bitən bir zolaq; baza tarixində romb; günlərlə sürüşmə; asılılıqlar xətlərlə.
gantt-caption = Aşağıdakı cədvəl eyni məlumatı verir.
gantt-baseline = Baza
gantt-legend = ◆ baza · yaşıl zolaq: tamamlanıb (✓) · mavi: davam edir · qırmızı: gecikir · qırıq xətt: tarix
col-baseline = Baza
col-drift = Sürüşmə
col-depends-on = Asılıdır
milestone-state-done = Tamamlanıb
milestone-state-open = Davam edir
milestone-state-overdue = Gecikir
drift-slipped = { $days } gün sürüşüb
drift-ahead = { $days } gün qabaqdadır
group-people = Şəxslər
group-co-chairs = Həmsədrlər
group-members = Üzvlər
group-none-yet = Hələ heç kim yoxdur.
group-people-hidden = Qrupun şəxsləri yalnız xartiyanın həyata keçirilməsində iştirak edənlərə göstərilir.
group-pending = Gözləyən təkliflər
pending-none = Görə biləcəyiniz gözləyən təklif yoxdur.
proposal-made-on = { $date } tarixində təklif edilib
proposal-revision = { $count }-ci versiya
proposal-no-approval = hələ təsdiq yoxdur
proposal-approved-by = təsdiqləyən:
proposal-kind-project-list = Layihələr siyahısı
proposal-kind-roadmap = Yol xəritəsi
proposal-kind-minutes = Protokol
proposal-kind-working-group = Yeni işçi qrup
proposal-kind-dialogue-platform = Yeni dialoq platforması
project-details = Təfərrüatlar
project-group = İşçi qrup
project-lead-organisations = Aparıcı təşkilatlar
project-partners = Tərəfdaşlar
project-start = Başlanğıc
project-end = Son
project-investment = İnvestisiya
project-public-share = dövlət payı
project-private-share = özəl pay
project-provisions = Həyata keçirilən müddəalar
project-provisions-none = Bu layihə heç bir müddəaya istinad etmir.
project-milestones = Mərhələlər
project-milestones-none = Bu layihəyə aid mərhələ yoxdur.
project-indicators = Göstəricilər
project-indicators-none = Bu layihə üçün göstərici müəyyən edilməyib.
project-history = Reyestrdə tarixçə
indicator-baseline = Başlanğıc dəyər
indicator-target = Hədəf
indicator-measured = Ölçülüb:
indicator-measurements = Ölçmələr
indicator-no-measurement = Hələ ölçmə yoxdur.
indicator-higher-is-better = yüksək olması yaxşıdır
indicator-lower-is-better = aşağı olması yaxşıdır
indicator-chart-description = Zamanla ölçmələr, başlanğıc dəyər, hədəf və onlar arasında planlaşdırılan yol.
indicator-chart-caption = Boz qırıq xətt: başlanğıc; yaşıl: hədəf; narıncı: planlaşdırılan yol; mavi nöqtələr: ölçmələr.
col-date = Tarix
col-value = Dəyər
col-source = Mənbə
col-entry = Qeyd
col-event = Hadisə
col-proof = Sübut
history-proof-link = daxilolma sübutu
record-title = Reyestr
record-lede = Reyestr imzalanmış, yalnız əlavə edilən jurnaldır: hər kəs digər tərəfə etibar etmədən onun dəyişdirilmədiyini yoxlaya bilər.
record-checkpoint = Son imzalanmış yoxlama nöqtəsi
record-size = { $count } qeyd
record-verifier-key = Yoxlama açarı
record-verify-heading = Yoxlayın
record-verify-help = Yuxarıdakı yoxlama nöqtəsini checkpoint.txt kimi saxlayın və verilənlər bazasının surəti (COPY) ilə işə salın:
record-no-checkpoint = Hələ heç nə imzalanmayıb.
record-proof-heading = Qeydin daxilolma sübutu
record-entry-label = Qeydin nömrəsi
record-entry-submit = Sübut et
record-proof-of = Qeyd { $count }
record-proof-check = Oflayn yoxlayın:
record-no-entry = Son yoxlama nöqtəsində görə biləcəyiniz { $count } qeydi yoxdur.
record-proof-help = Sübut yalnız görə biləcəyiniz şeylərə aid qeydlər üçün verilir; ictimaiyyət üçün xartiyanın özü və ictimai layihələr.
meetings-title = Görüşlər
meetings-lede = Xartiya, işçi qrup və dialoq platforması görüşləri və reyestrin vəziyyətinin tələb etdiyi gündəlik.
meetings-calendar = Təqvim
meetings-months = Aylar
meetings-none = Görə biləcəyiniz görüş yoxdur.
agenda-heading = { $date } tarixinə təklif olunan gündəlik
agenda-help = Reyestrin vəziyyətindən: gecikən mərhələlər, gözləyən təkliflər, 60 gün ərzində son tarixlər.
agenda-overdue = Gecikən mərhələlər
agenda-pending = Gözləyən təkliflər
agenda-due-soon = Yaxın son tarixlər
agenda-nothing = Heç nə.
meeting-kind-charter = Xartiya görüşü
meeting-kind-working-group = İşçi qrup
meeting-kind-dialogue-platform = Dialoq platforması
meeting-held-on = { $date } tarixində keçirilib
meeting-scheduled = planlaşdırılıb
meeting-participants = İştirakçılar:
meeting-agenda = Gündəlik
meeting-minutes = Qəbul edilmiş protokol
meeting-no-minutes = Hələ protokol qəbul edilməyib.
meeting-summary-only = Bu görüşün yalnız tarixi və yeri ictimaidir.
col-decision-kind = Növ
col-decision = Qərar
col-owner = Məsul
decision-kind-information = Məlumat
decision-kind-decision = Qərar
decision-kind-action = Tədbir
month-1 = yanvar
month-2 = fevral
month-3 = mart
month-4 = aprel
month-5 = may
month-6 = iyun
month-7 = iyul
month-8 = avqust
month-9 = sentyabr
month-10 = oktyabr
month-11 = noyabr
month-12 = dekabr
