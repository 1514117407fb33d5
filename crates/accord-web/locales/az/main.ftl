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
