"""Towns the sources place on each side of every zone line, version by version.

Read by tests/test_zones.py. Each town is a place id of data/places.yaml (or, where the
sources name a village no gazetteer places, an estimated point, marked ``~``) with the key
of the source that puts it there; ``SOURCES`` gives each key's URL, and a test checks that
every one of them is cited in the data (an event or a zone version), so a reader can look
the claim up.
"""

from __future__ import annotations

# key -> URL of a source cited in data/events.yaml or data/zone_rules.yaml
SOURCES = {
    # the 2017 outlines
    "idsa": "https://idsa.in/backgrounder/astana-talks-a-prelude-to-peace-in-syria_lpriya_281117",
    "aj-may": "http://www.aljazeera.com/news/2017/05/syria-de-escalation-zones-explained-170506050208636.html",
    "aj-sep": "http://www.aljazeera.com/news/2017/09/final-de-escalation-zones-agreed-astana-170915102811730.html",
    "guardian-sw": "https://www.theguardian.com/world/2017/jul/09/us-russian-ceasefire-holding-in-southwest-syria-say-rebel-sources",
    "yarmouk": "https://syriadirect.org/why-is-an-islamic-state-affiliate-quietly-ruling-unchallenged-in-a-corner-of-syrias-south/",
    "homs-start": "https://nationalpost.com/pmn/news-pmn/rebels-begin-departing-from-syrias-central-homs-province",
    "crisis24-homs": "https://crisis24.garda.com/alerts/2018/05/syria-rebels-agree-to-surrender-enclave-in-homs-province-may-2?origin=fr_riskalert",
    "jobar": "https://www.syriahr.com/en/72178/",
    # zone 1, 2018-2019
    "ap-sinjar": "https://www.ctvnews.ca/world/syria-government-troops-retake-key-town-in-rebel-province-1.3748897",
    "afp-airbase": "http://www.nampa.org/index.php?model=categories&function=display&id=17538392",
    "masdar-town": "https://www.almasdarnews.com/article/breaking-elite-syrian-troops-boot-islamist-militias-abu-duhur-city-east-idlib-two-day-battle/",
    "masdar-sukayk": "https://www.almasdarnews.com/article/syrian-army-makes-first-advance-into-southern-idlib-map/",
    "reuters-fuah": "https://www.reuters.com/article/us-mideast-crisis-syria/evacuation-of-two-pro-assad-syrian-villages-complete-ikhbariya-tv-idUSKBN1K90E2?feedType=RSS&feedName=worldNews&utm_source=feedburner&utm_medium=feed&utm_campaign=Feed%3A+Reuters%2FworldNews+%28Reuters+World+News%29",
    "aj-qam": "https://www.aljazeera.com/news/2019/5/9/syrian-troops-capture-strategic-town-from-rebels-residents",
    "ap-kn-back": "https://ademocracynet.com/article_print.php?id=29019&section=news",
    "ap-zakat": "http://www.iran-daily.com/News/256972.html",
    "voa-habit": "https://www.voanews.com/middle-east/syrian-troops-capture-key-village-rebel-held-idlib",
    "reuters-ks": "https://www.reuters.com/article/us-syria-security-idlib-town/syrian-government-forces-march-into-khan-sheikhoun-in-idlib-observatory-rebel-source-idUSKCN1V91WK?feedType=RSS&feedName=worldNews&utm_source=feedburner&utm_medium=feed&utm_campaign=Feed%3A+Reuters%2FworldNews+%28Reuters+World+News%29",
    "reuters-withdraw": "https://www.omanobserver.om/syrian-army-tightens-grip-on-key-town-after-rebel-withdrawal/",
    "sohr-ks": "https://www.syriahr.com/en/139035/",
    "reuters-pocket": "https://www.nasdaq.com/article/syria-army-captures-insurgent-pocket-in-hama--sana-20190823-00138",
    "memo-tamanah": "https://www.middleeastmonitor.com/20190831-russia-announces-ceasefire-in-northern-syria/",
    "masdar-hish": "https://www.almasdarnews.com/article/breaking-syrian-army-captures-town-near-turkish-military-post/",
    "kafr-battikh-page": "https://nl.qaz.wiki/wiki/Kafr_Battikh",
    # zone 1, December 2019 - March 2020, and the line that held to November 2024
    "afp-jarjanaz": "https://www.urdupoint.com/en/miscellaneous/syria-regime-forces-surround-turkish-army-pos-794485.html",
    "reuters-maarat": "https://nationalpost.com/pmn/news-pmn/politics-news-pmn/syria-government-forces-enter-town-south-of-idlib-war-monitor",
    "sohr-kafr-ruma": "https://www.syriahr.com/en/153920/",
    "janes-saraqib": "https://www.janes.com/article/94171/syrian-advance-encircles-more-turkish-soldiers",
    "alarabiya-saraqib": "http://english.alarabiya.net/en/News/middle-east/2020/02/08/Syrian-regime-says-captured-opposition-key-crossroads-city-in-Idlib.html",
    "reuters-m5": "https://www.jpost.com/breaking-news/syrian-government-seizes-aleppo-highway-for-first-time-since-2012-monitor-617217",
    "sputnik-khan-al-asal": "https://sputniknews.com/middleeast/202002111078289624-syrian-troops-recapture-key-town-west-of-aleppo--source/",
    "afp-aleppo": "https://g1.globo.com/mundo/noticia/2020/02/16/regime-sirio-assume-controle-dos-arredores-de-aleppo.ghtml",
    "hawar-bayanoun": "https://www.hawarnews.com/en/haber/regime-expanding-control-at-an-accelerated-pace-north-and-west-aleppo-h14586.html",
    "masdar-urum": "https://www.almasdarnews.com/article/syrian-army-advances-in-western-aleppo-after-foiling-jihadist-offensive/",
    "f24-kafranbel": "https://www.france24.com/en/20200225-syrian-regime-retakes-symbolic-town-of-kafranbel-monitor",
    "ahval-nairab": "https://ahvalnews.com/idlib-offensive/syrian-army-takes-symbolic-town-idlib",
    "reuters-saraqeb-rebels": "https://nationalpost.com/pmn/news-pmn/politics-news-pmn/turkey-backed-rebels-regain-key-syrian-town-of-saraqeb-opposition",
    "zaman-kansafra": "https://en.zamanalwsl.net/news/article/52476",
    "voa-saraqeb": "https://voa.pangea-cms.com/preview/en-US/a/middle-east_syrian-government-recaptures-strategic-town-saraqeb-turkish-backed-rebels/6185130.html",
    "enab-kafr-uwayd": "https://enabbaladi.net/461823/%D9%83%D9%81%D8%B1-%D8%B9%D9%88%D9%8A%D8%AF-%D8%B9%D8%A7%D9%85-%D9%85%D9%86-%D8%A7%D9%84%D9%86%D8%B2%D9%88%D8%AD-%D8%B1%D8%BA%D9%85-%D8%AE%D8%B1%D9%88%D8%AC-%D8%A7%D9%84%D9%86%D8%B8%D8%A7%D9%85",
    "enab-kansafra": "https://www.enabbaladi.net/436211/?amp=1",
    "syrian-observer-2024": "https://syrianobserver.com/syrian-actors/dozens-killed-prisoners-taken-as-opposition-factions-advance-in-northwestern-syria.html",
    # zone 4, March 2018
    "afp-half": "https://www.thisismoney.co.uk/wires/afp/article-5474179/Syrian-assault-retaken-half-Ghouta-enclave-monitor.html",
    "sohr-shifuniyah": "https://darelhilal.com/News/343988.aspx",
    "sana-nashabiyah": "https://www.globalsecurity.org/wmd/library/news/syria/2018/syria-180304-irna01.htm",
    "trt-split": "https://www.trtworld.com:443/article/13105667",
    "reuters-mudeira": "http://www.iran-daily.com/News/211508.html",
    "upi-hamouriyah": "https://www.upi.com/Top_News/World-News/2018/03/15/Thousands-flee-Eastern-Ghouta-as-Syrian-army-advances/1491521148063/",
    "ap-kafr-batna": "http://www.wandsworthguardian.co.uk/uk_national_news/16094703.Advancing_Syrian_troops_pile_pressure_on_rebels_in_Ghouta/?ref=rss",
    "smart-saqba": "https://smartnews-agency.com/en/reports/2018-03-18-loyalist-forces-gain-control-of-saqba-kafr-batna-and-jisreen-",
    "xinhua-harasta": "http://xinhuanet.com/english/2018-03/24/c_137061256.htm",
    "rferl-harasta": "https://rferl.org/amp/syrian-rebels-evacuate-town-eastern-ghouta-under-russia-brokered-deal-harasta/29116691.html",
    "gulftimes-douma": "https://www.gulf-times.com/story/587295/Syrian-rebels-begin-to-leave-last-bastion-in-Ghouta",
    # zone 3, June-July 2018
    "xinhua-busr": "http://english.chinamil.com.cn/view/2018-06/26/content_8071017.htm",
    "newarab-ibta": "https://newarab.com/english/news/2018/6/29/syrian-rebels-agree-to-surrender-daraa-towns-to-regime",
    "aj-bosra": "https://www.aljazeera.com/news/2018/7/2/syrias-war-rebel-held-bosra-al-sham-surrenders-in-deraa-battle",
    "f24-nasib": "http://www.france24.com/en/20180706-syria-regime-takes-control-over-key-jordanian-border-crossing",
    "integrity-july": "https://docslib.org/doc/4224621/page-1-for-further-information-contact-integrity-uk-on-info-integrityuk",
    "toi-daraa": "https://www.timesofisrael.com/syrian-troops-raise-national-flag-over-daraa-cradle-of-2011-revolt/",
    "sf-tafas": "https://southfront.org/two-new-towns-join-reconciliation-in-syrias-western-daraa/",
    "trt-harra": "https://www.trtworld.com/middle-east/syrian-regime-moves-fast-on-rebels-in-remaining-daraa-towns-18956",
    "almasdar-nawa": "https://www.almasdarnews.com/article/full-report-from-southwest-syria-battle/",
    "aj-quneitra": "https://www.aljazeera.com/news/2018/7/19/syrian-rebels-reach-agreement-with-government-to-leave-quneitra",
    "newarab-quneitra": "https://www.newarab.com/news/buses-arrive-evacuate-syria-rebels-out-quneitra",
    "syriatoday-nawa": "http://syriatoday.info/2018/07/22/nawa-city-passes-under-control-of-syrian-army/",
}  # fmt: skip

# Estimated positions of villages no gazetteer places (zone1b research, +-2 km): used only
# where a line needs a town on that side.
ESTIMATED = {
    "jarjanaz~": (36.765, 35.620),
    "kafr-ruma~": (36.635, 35.625),
    "kafr-uwayd~": (36.456, 35.613),
}

# The 2017 zone-1 outline: towns held by the opposition in 2017 and, for the ones lost
# later, until the date the source gives; and towns outside (other forces, enclaves).
_NORTH_2017 = (
    [
        ("idlib", "idsa"),
        ("jisr-al-shughur", "idsa"),
        ("ariha", "idsa"),
        ("darat-izza", "idsa"),
        ("atarib", "idsa"),
        ("khan-tuman", "idsa"),
        ("kabani", "idsa"),
        ("sinjar-idlib", "ap-sinjar"),
        ("abu-al-duhur", "masdar-town"),
        ("abu-duhur-airbase", "afp-airbase"),
        ("khan-shaykhun", "reuters-withdraw"),
        ("morek", "reuters-pocket"),
        ("latamneh", "reuters-pocket"),
        ("kafr-zita", "reuters-pocket"),
        ("tamanah", "memo-tamanah"),
        ("qalaat-al-madiq", "aj-qam"),
        ("kafr-nabudah", "ap-kn-back"),
        ("bayanoun", "hawar-bayanoun"),
        ("hayan", "hawar-bayanoun"),
        ("anadan", "afp-aleppo"),
    ],
    [
        ("afrin", "idsa"),
        ("azaz", "idsa"),
        ("aleppo", "idsa"),
        ("hama", "idsa"),
        ("latakia", "idsa"),
        ("fuah", "idsa"),
        ("kafriya", "idsa"),
        ("kurnaz", "aj-sep"),
        ("nubl", "hawar-bayanoun"),
        ("zahraa", "hawar-bayanoun"),
    ],
)

# version id -> (inside, outside): (town, source key) on each side of that version's line
VERSION_TOWNS: dict[str, tuple[list, list]] = {
    "zone-1-2017-05": _NORTH_2017,
    "zone-1-2017-09": _NORTH_2017,
    "zone-1-2018-01": (
        [("tamanah", "memo-tamanah"), ("khan-shaykhun", "reuters-withdraw"),
         ("morek", "reuters-pocket"), ("kafr-zita", "reuters-pocket"),
         ("qalaat-al-madiq", "aj-qam"), ("kafr-nabudah", "ap-kn-back")],
        [("sinjar-idlib", "ap-sinjar"), ("abu-duhur-airbase", "afp-airbase"),
         ("abu-al-duhur", "masdar-town"), ("atshan", "masdar-sukayk"), ("fuah", "idsa"),
         ("kafriya", "idsa"), ("kurnaz", "aj-sep")],
    ),
    "zone-1-2018-07": (
        [("fuah", "reuters-fuah"), ("kafriya", "reuters-fuah"), ("tamanah", "memo-tamanah"),
         ("khan-shaykhun", "reuters-withdraw"), ("morek", "reuters-pocket"),
         ("qalaat-al-madiq", "aj-qam")],
        [("sinjar-idlib", "ap-sinjar"), ("abu-al-duhur", "masdar-town"),
         ("abu-duhur-airbase", "afp-airbase"), ("atshan", "masdar-sukayk"), ("kurnaz", "aj-sep")],
    ),
    "zone-1-2019-05": (
        [("hbit", "voa-habit"), ("khan-shaykhun", "reuters-ks"), ("kafr-zita", "reuters-pocket"),
         ("latamneh", "reuters-pocket"), ("morek", "reuters-pocket"), ("tamanah", "memo-tamanah")],
        [("kafr-nabudah", "ap-kn-back"), ("qalaat-al-madiq", "aj-qam"), ("kurnaz", "aj-sep"),
         ("sinjar-idlib", "ap-sinjar")],
    ),
    "zone-1-2019-08-11": (
        [("khan-shaykhun", "reuters-ks"), ("kafr-zita", "reuters-withdraw"),
         ("latamneh", "reuters-withdraw"), ("morek", "reuters-withdraw"),
         ("lahaya", "reuters-withdraw"), ("tamanah", "memo-tamanah")],
        [("hbit", "voa-habit"), ("kafr-nabudah", "ap-kn-back"), ("qalaat-al-madiq", "aj-qam"),
         ("zakat", "ap-zakat")],
    ),
    "zone-1-2019-08-21": (
        [("tamanah", "memo-tamanah"), ("maarat-al-numan", "reuters-maarat"),
         ("saraqib", "alarabiya-saraqib")],
        [("khan-shaykhun", "sohr-ks"), ("morek", "reuters-pocket"),
         ("latamneh", "reuters-pocket"), ("kafr-zita", "reuters-pocket"),
         ("lahaya", "reuters-withdraw"), ("hbit", "voa-habit")],
    ),
    "zone-1-2019-08-30": (
        [("maarat-al-numan", "reuters-maarat"), ("saraqib", "alarabiya-saraqib"),
         ("hish", "masdar-hish")],
        [("tamanah", "memo-tamanah"), ("khan-shaykhun", "sohr-ks"), ("morek", "reuters-pocket"),
         ("hbit", "voa-habit"), ("kafr-nabudah", "ap-kn-back")],
    ),
    "zone-1-2019-12-23": (
        [("maarat-al-numan", "reuters-maarat"), ("kafranbel", "f24-kafranbel"),
         ("saraqib", "janes-saraqib"), ("tell-tuqan", "janes-saraqib"), ("hish", "masdar-hish")],
        [("jarjanaz~", "afp-jarjanaz"), ("tamanah", "memo-tamanah"),
         ("khan-shaykhun", "sohr-ks"), ("abu-al-duhur", "masdar-town")],
    ),
    "zone-1-2020-01-28": (
        [("hish", "masdar-hish"), ("saraqib", "janes-saraqib"),
         ("kafr-battikh", "kafr-battikh-page"), ("tell-tuqan", "janes-saraqib"),
         ("kafranbel", "f24-kafranbel")],
        [("maarat-al-numan", "reuters-maarat"), ("kafr-ruma~", "sohr-kafr-ruma"),
         ("jarjanaz~", "afp-jarjanaz")],
    ),
    "zone-1-2020-02-08": (
        [("sarmin", "syrian-observer-2024"), ("taftanaz", "syrian-observer-2024"),
         ("kafranbel", "f24-kafranbel"), ("zarbah", "reuters-m5"),
         ("khan-al-asal", "sputnik-khan-al-asal")],
        [("saraqib", "alarabiya-saraqib"), ("nayrab", "janes-saraqib"), ("afis", "janes-saraqib"),
         ("tell-tuqan", "janes-saraqib"), ("maarat-al-numan", "reuters-maarat")],
    ),
    "zone-1-2020-02-11": (
        [("urum-al-kubra", "masdar-urum"), ("anadan", "afp-aleppo"), ("kafr-hamra", "afp-aleppo"),
         ("bayanoun", "hawar-bayanoun"), ("atarib", "syrian-observer-2024")],
        [("zarbah", "reuters-m5"), ("khan-al-asal", "sputnik-khan-al-asal"),
         ("rashidin", "reuters-m5"), ("saraqib", "alarabiya-saraqib"), ("nayrab", "janes-saraqib")],
    ),
    "zone-1-2020-02-16": (
        [("darat-izza", "syrian-observer-2024"), ("atarib", "syrian-observer-2024"),
         ("taftanaz", "syrian-observer-2024"), ("sarmin", "syrian-observer-2024"),
         ("kafranbel", "f24-kafranbel")],
        [("anadan", "afp-aleppo"), ("kafr-hamra", "afp-aleppo"), ("hayan", "hawar-bayanoun"),
         ("bayanoun", "hawar-bayanoun"), ("urum-al-kubra", "masdar-urum"),
         ("sheikh-aqil", "syrian-observer-2024"), ("nayrab", "janes-saraqib")],
    ),
    "zone-1-2020-02-25": (
        [("nayrab", "ahval-nairab"), ("sarmin", "syrian-observer-2024"),
         ("kafr-uwayd~", "enab-kafr-uwayd"), ("ariha", "idsa")],
        [("kafranbel", "f24-kafranbel"), ("saraqib", "alarabiya-saraqib"),
         ("afis", "janes-saraqib"), ("kafr-battikh", "kafr-battikh-page")],
    ),
    "zone-1-2020-02-27": (
        [("saraqib", "reuters-saraqeb-rebels"), ("nayrab", "ahval-nairab"),
         ("afis", "reuters-saraqeb-rebels"), ("kansafra", "zaman-kansafra")],
        [("kafranbel", "f24-kafranbel"), ("kafr-uwayd~", "enab-kafr-uwayd"),
         ("kafr-battikh", "kafr-battikh-page")],
    ),
    "zone-1-2020-03-02": (
        [("nayrab", "ahval-nairab"), ("afis", "voa-saraqeb"), ("kafr-uwayd~", "enab-kafr-uwayd"),
         ("kansafra", "enab-kansafra")],
        [("saraqib", "voa-saraqeb"), ("kafranbel", "f24-kafranbel"),
         ("kafr-battikh", "kafr-battikh-page")],
    ),
    "zone-1-2020-03-05": (
        [("idlib", "idsa"), ("ariha", "idsa"), ("jisr-al-shughur", "idsa"),
         ("sarmin", "syrian-observer-2024"), ("taftanaz", "syrian-observer-2024"),
         ("atarib", "syrian-observer-2024"), ("darat-izza", "syrian-observer-2024"),
         ("nayrab", "syrian-observer-2024"), ("kansafra", "enab-kansafra"),
         ("kafr-uwayd~", "enab-kafr-uwayd")],
        [("saraqib", "voa-saraqeb"), ("afis", "voa-saraqeb"), ("kafranbel", "f24-kafranbel"),
         ("maarat-al-numan", "reuters-maarat"), ("khan-shaykhun", "sohr-ks"),
         ("hish", "masdar-hish"), ("sheikh-aqil", "syrian-observer-2024"),
         ("urum-al-kubra", "syrian-observer-2024"), ("kafr-battikh", "kafr-battikh-page")],
    ),
    # zone 4: Eastern Ghouta
    "zone-4-2017-07": (
        [("douma", "xinhua-harasta"), ("harasta", "xinhua-harasta"), ("arbin", "rferl-harasta"),
         ("zamalka", "rferl-harasta"), ("ein-tarma", "jobar"), ("jobar", "jobar"),
         ("kafr-batna", "ap-kafr-batna"), ("saqba", "smart-saqba"),
         ("hamouriyah", "upi-hamouriyah"), ("shifuniyah", "sohr-shifuniyah"),
         ("nashabiyah", "sana-nashabiyah")],
        [("damascus", "aj-may"), ("jaramana", "aj-may")],
    ),
    "zone-4-2018-03-07": (
        [("douma", "reuters-mudeira"), ("harasta", "reuters-mudeira"), ("misraba", "trt-split"),
         ("hamouriyah", "upi-hamouriyah"), ("arbin", "rferl-harasta"), ("jobar", "jobar")],
        [("beit-sawa", "afp-half"), ("shifuniyah", "sohr-shifuniyah"),
         ("nashabiyah", "sana-nashabiyah"), ("otaya", "sana-nashabiyah")],
    ),
    "zone-4-2018-03-11": (
        [("douma", "reuters-mudeira"), ("harasta", "reuters-mudeira"),
         ("arbin", "reuters-mudeira"), ("hamouriyah", "upi-hamouriyah"),
         ("saqba", "ap-kafr-batna"), ("zamalka", "reuters-mudeira")],
        [("misraba", "trt-split"), ("mudira", "reuters-mudeira"), ("beit-sawa", "afp-half"),
         ("shifuniyah", "sohr-shifuniyah")],
    ),
    "zone-4-2018-03-15": (
        [("douma", "ap-kafr-batna"), ("harasta", "ap-kafr-batna"), ("arbin", "ap-kafr-batna"),
         ("saqba", "ap-kafr-batna"), ("kafr-batna", "ap-kafr-batna")],
        [("hamouriyah", "upi-hamouriyah"), ("misraba", "trt-split"), ("mudira", "reuters-mudeira"),
         ("beit-sawa", "afp-half")],
    ),
    "zone-4-2018-03-18": (
        [("douma", "ap-kafr-batna"), ("harasta", "rferl-harasta"), ("arbin", "rferl-harasta"),
         ("zamalka", "rferl-harasta"), ("ein-tarma", "rferl-harasta"), ("jobar", "rferl-harasta")],
        [("kafr-batna", "smart-saqba"), ("saqba", "smart-saqba"), ("jisrin", "smart-saqba"),
         ("eftreis", "smart-saqba"), ("hamouriyah", "upi-hamouriyah")],
    ),
    "zone-4-2018-03-23": (
        [("douma", "gulftimes-douma"), ("arbin", "rferl-harasta"), ("zamalka", "rferl-harasta"),
         ("ein-tarma", "rferl-harasta"), ("jobar", "rferl-harasta")],
        [("harasta", "xinhua-harasta"), ("kafr-batna", "smart-saqba"), ("saqba", "smart-saqba"),
         ("mudira", "reuters-mudeira"), ("misraba", "trt-split")],
    ),
    "zone-4-2018-03-31": (
        [("douma", "gulftimes-douma")],
        [("harasta", "xinhua-harasta"), ("arbin", "gulftimes-douma"),
         ("zamalka", "gulftimes-douma"), ("ein-tarma", "gulftimes-douma"),
         ("jobar", "gulftimes-douma"), ("misraba", "trt-split")],
    ),
    # zone 3: the south
    "zone-3-2017-07": (
        [("nawa", "yarmouk"), ("inkhil", "sf-tafas"), ("tafas", "sf-tafas"), ("bosra", "aj-bosra"),
         ("nasib-border-crossing", "f24-nasib"), ("daraa-al-balad", "toi-daraa"),
         ("dael", "newarab-ibta"), ("kafr-shams", "sf-tafas"),
         ("busr-al-harir", "xinhua-busr")],
        [("daraa-al-mahatta", "guardian-sw"), ("izra", "guardian-sw"),
         ("sheikh-miskin", "guardian-sw"), ("khirbet-ghazaleh", "guardian-sw"),
         ("sanamayn", "guardian-sw"), ("jamla", "yarmouk"), ("shajara", "yarmouk"),
         ("tasil", "yarmouk"), ("suwayda", "aj-may"), ("madinat-al-baath", "aj-may")],
    ),
    "zone-3-2018-06-26": (
        [("hirak", "newarab-ibta"), ("dael", "newarab-ibta"), ("bosra", "aj-bosra"),
         ("nasib-border-crossing", "f24-nasib"), ("musayfirah", "f24-nasib"),
         ("daraa-al-balad", "toi-daraa"), ("nawa", "almasdar-nawa"), ("kafr-shams", "sf-tafas")],
        [("busr-al-harir", "xinhua-busr"), ("izra", "guardian-sw"),
         ("khirbet-ghazaleh", "guardian-sw")],
    ),
    "zone-3-2018-07-06": (
        [("daraa-al-balad", "toi-daraa"), ("tafas", "sf-tafas"), ("muzayrib", "sf-tafas"),
         ("nawa", "integrity-july"), ("inkhil", "integrity-july"), ("jasim", "integrity-july"),
         ("kafr-shams", "integrity-july")],
        [("bosra", "aj-bosra"), ("nasib-border-crossing", "f24-nasib"), ("hirak", "newarab-ibta"),
         ("ibta", "newarab-ibta"), ("dael", "newarab-ibta"), ("musayfirah", "f24-nasib"),
         ("saida", "f24-nasib")],
    ),
    "zone-3-2018-07-12": (
        [("nawa", "almasdar-nawa"), ("al-harra", "trt-harra"),
         ("tal-al-hara", "trt-harra"), ("kafr-nasij", "trt-harra"), ("quneitra", "aj-quneitra")],
        [("daraa-al-balad", "toi-daraa"), ("tafas", "sf-tafas"), ("muzayrib", "sf-tafas"),
         ("inkhil", "sf-tafas"), ("kafr-shams", "sf-tafas"), ("dael", "newarab-ibta")],
    ),
    "zone-3-2018-07-16": (
        [("nawa", "almasdar-nawa"), ("quneitra", "aj-quneitra"),
         ("beer-ajam", "aj-quneitra")],
        [("al-harra", "trt-harra"), ("tal-al-hara", "trt-harra"), ("zimrin", "trt-harra"),
         ("kafr-nasij", "trt-harra"), ("tafas", "sf-tafas"), ("inkhil", "sf-tafas")],
    ),
    "zone-3-2018-07-19": (
        [("nawa", "almasdar-nawa"), ("quneitra", "aj-quneitra"),
         ("beer-ajam", "aj-quneitra")],
        [("al-harra", "trt-harra"), ("tal-al-hara", "trt-harra"), ("tafas", "sf-tafas"),
         ("muzayrib", "sf-tafas"), ("tasil", "yarmouk"), ("sheikh-miskin", "guardian-sw")],
    ),
    "zone-3-2018-07-20": (
        [("quneitra", "newarab-quneitra"), ("beer-ajam", "newarab-quneitra"),
         ("jubata-al-khashab", "newarab-quneitra")],
        [("nawa", "syriatoday-nawa"), ("tal-al-hara", "trt-harra"),
         ("tasil", "yarmouk"), ("madinat-al-baath", "aj-may")],
    ),
    # zone 2: one outline from the memorandum to the end (no town-level handover dates)
    "zone-2-2017-08": (
        [("rastan", "homs-start"), ("talbiseh", "homs-start"), ("kafr-laha", "crisis24-homs"),
         ("taldou", "crisis24-homs")],
        [("homs", "idsa"), ("hama", "idsa")],
    ),
}  # fmt: skip
