/**
 * The bridge between languages for story grouping: country, capital and organisation
 * names as each language writes them, folded (accent- and case-blind, as the tokeniser
 * gives them), mapped to one key. "Russie", "Russland" and "Rusia" are the same place, so
 * the French and English copies of one wire story share it. Multi-word names are written
 * with "_" and matched as consecutive tokens ("etats unis", "vereinigte staaten").
 *
 * Kept small on purpose: only names whose spellings differ across the languages we see
 * (en, fr, de, es, pt, it). A name written alike everywhere (Ukraine, Gaza, Paris) needs
 * no entry; it already is the same token.
 */
const NAMES: Record<string, string> = {
  usa: "usa us etats_unis vereinigte_staaten estados_unidos stati_uniti united_states amerique america eeuu eua",
  russia: "russia russie russland rusia russia russa russe russes russischen russische russischer russian",
  ukraine: "ukraine ucrania ucraina ukrainien ukrainienne ukrainian ukrainische ukrainischen ucraniano",
  china: "china chine cina chinese chinois chinoise chinesische chinesischen chines",
  germany: "germany allemagne deutschland alemania alemanha germania german allemand allemande deutsche",
  france: "france frankreich francia franca french francais francaise franzosische franzosischen",
  uk: "uk royaume_uni united_kingdom vereinigtes_konigreich reino_unido regno_unito britain grossbritannien grande_bretagne british britannique",
  spain: "spain espagne spanien espana espanha spagna spanish espagnol espagnole",
  italy: "italy italie italien italia italian italienne",
  belgium: "belgium belgique belgien belgica belgio belge belges",
  switzerland: "switzerland suisse schweiz suiza suica svizzera swiss",
  austria: "austria autriche osterreich",
  netherlands: "netherlands pays_bas niederlande paises_bajos holland",
  poland: "poland pologne polen polonia polska",
  greece: "greece grece griechenland grecia",
  turkey: "turkey turquie turkei turquia turchia turkiye",
  israel: "israel israel israeli israelien israelienne israelische",
  iran: "iran irao iranien iranienne iranian iranische",
  palestine:
    "palestine palestina palastina palestinian palestinians palestinien palestiniens palestiniano palestinianos palestinienne",
  syria: "syria syrie syrien siria",
  lebanon: "lebanon liban libanon libano",
  egypt: "egypt egypte agypten egipto egito egitto",
  japan: "japan japon giappone japao japanese japonais",
  india: "india inde indien",
  brazil: "brazil bresil brasilien brasil brasile",
  mexico: "mexico mexique mexiko messico",
  morocco: "morocco maroc marokko marruecos marrocos",
  algeria: "algeria algerie algerien argelia",
  south_korea: "south_korea coree_du_sud sudkorea corea_del_sur coreia_do_sul",
  north_korea: "north_korea coree_du_nord nordkorea corea_del_norte coreia_do_norte",
  europe: "europe europa european europeen europeenne europaische europaischen",
  eu: "eu ue union_europeenne europaische_union union_europea",
  nato: "nato otan",
  un: "un onu uno united_nations nations_unies vereinte_nationen naciones_unidas",
  who: "oms who",
  moscow: "moscow moscou moskau moscu moscovo",
  washington: "washington",
  london: "london londres londra",
  brussels: "brussels bruxelles brussel brussel bruselas bruxelas bruxelles",
  geneva: "geneva geneve genf ginebra genebra ginevra",
  vienna: "vienna vienne wien viena",
  warsaw: "warsaw varsovie warschau varsovia",
  athens: "athens athenes athen atenas atene",
  rome: "rome roma",
  lisbon: "lisbon lisbonne lissabon lisboa",
  munich: "munich munchen monaco_di_baviera",
  cologne: "cologne koln",
  beijing: "beijing pekin peking pequim pechino",
  kyiv: "kyiv kiev kiew kiiv",
  new_york: "new_york nueva_york nova_iorque",
  white_house: "white_house maison_blanche weisses_haus casa_blanca casa_branca",
  kremlin: "kremlin kreml",
  pope: "pope pape papst",
  coronavirus: "coronavirus covid covid19 corona sars_cov_2",
  // Countries, their adjectives and capitals as en, fr, de, es, pt and it write them.
  canada:
    "canada kanada canadian canadien canadienne canadiens kanadische kanadischen canadiense canadiano canadese",
  australia: "australia australie australien australian australiens australische australischen australiano",
  argentina: "argentina argentine argentinien argentinian argentin argentins argentino",
  peru: "peru perou",
  colombia: "colombia colombie kolumbien colombian colombien colombiano",
  cuba: "cuba kuba cuban cubain cubano",
  venezuela: "venezuela venezuelan venezuelien venezolano venezuelano",
  ireland: "ireland irlande irland irlanda irish irlandais irlandaise irische",
  scotland: "scotland ecosse schottland escocia scozia scottish ecossais",
  england: "england angleterre inglaterra inghilterra english anglais",
  sweden: "sweden suede schweden suecia suecia svezia swedish suedois schwedische",
  norway: "norway norvege norwegen noruega norvegia norwegian norvegien",
  denmark: "denmark danemark danemark dinamarca danimarca danish danois danische",
  finland: "finland finlande finnland finlandia finlandia finnish finlandais",
  hungary: "hungary hongrie ungarn hungria hungria ungheria hungarian hongrois ungarische",
  czechia: "czech tcheque tschechien chequia republica_checa tchequie",
  romania: "romania roumanie rumanien rumania romenia romanian roumain rumanische",
  bulgaria: "bulgaria bulgarie bulgarien bulgarian bulgare",
  serbia: "serbia serbie serbien servia serbian serbe",
  croatia: "croatia croatie kroatien croacia croacia croazia croatian croate",
  iraq: "iraq irak iraque iraqi irakien irakienne irakische",
  afghanistan: "afghanistan afganistan afeganistao afghan afghane afghanische",
  pakistan: "pakistan paquistao pakistani pakistanais pakistanische",
  saudi_arabia:
    "saudi_arabia arabie_saoudite saudi_arabien arabia_saudita arabia_saudi saudi saoudien saoudienne",
  jordan: "jordanie jordanien jordania",
  libya: "libya libye libyen libia libyan libyen",
  tunisia: "tunisia tunisie tunesien tunez tunisia tunisian tunisien",
  south_africa: "south_africa afrique_du_sud sudafrika sudafrica africa_do_sul",
  ethiopia: "ethiopia ethiopie athiopien etiopia",
  kenya: "kenya kenia quenia kenyan kenyan kenyane",
  nigeria: "nigeria nigerian nigerian nigeriane",
  indonesia: "indonesia indonesie indonesien indonesian indonesien",
  philippines: "philippines philippinen filipinas filippine",
  thailand: "thailand thailande tailandia tailandia",
  vietnam: "vietnam viet_nam vietnamese vietnamien vietnamita",
  myanmar: "myanmar birmanie birma birmania mianmar",
  taiwan: "taiwan taiwanese taiwanais",
  singapore: "singapore singapour singapur singapura",
  new_zealand: "new_zealand nouvelle_zelande neuseeland nueva_zelanda nova_zelandia nuova_zelanda",
  catalonia:
    "catalonia catalogne katalonien cataluna catalunha catalogna catalan catalane catalans katalanische",
  crimea: "crimea crimee krim",
  cyprus: "cyprus chypre zypern chipre cipro",
  iceland: "iceland islande islandia",
  luxembourg: "luxembourg luxemburg luxemburgo lussemburgo",
  portugal: "portugal portogallo portuguese portugais portugiesische portugues portugueses",
  kurds: "kurds kurdes kurden kurdos curdi kurdish kurde",
  tokyo: "tokyo tokio toquio",
  cairo: "cairo le_caire kairo el_cairo",
  jerusalem: "jerusalem jerusalen",
  tehran: "tehran teheran teera",
  baghdad: "baghdad bagdad",
  damascus: "damascus damaskus damasco",
  istanbul: "istanbul istambul",
  seoul: "seoul",
  copenhagen: "copenhagen copenhague kopenhagen",
  stockholm: "stockholm estocolmo stoccolma",
  prague: "prague prag praga",
  bucharest: "bucharest bucarest bukarest bucareste",
  venice: "venice venise venedig venecia veneza venezia",
  milan: "milan milano mailand milao",
  florence: "florenz florencia firenze",
  naples: "naples neapel napoles napoli",
  seville: "seville sevilla",
  marseille: "marseille marseilles marsella marselha",
  strasbourg: "strasbourg strassburg estrasburgo strasburgo",
  the_hague: "the_hague la_haye den_haag la_haya haia",
  antwerp: "antwerp anvers antwerpen amberes anversa",
  sao_paulo: "sao_paulo san_paolo",
  havana: "havana la_havane havanna la_habana",
  st_petersburg: "st_petersburg saint_petersbourg sankt_petersburg san_petersburgo sao_petersburgo",
  edinburgh: "edinburgh edimbourg edimburgo",
  zurich: "zurich zurique zurigo",
  nuremberg: "nuremberg nurnberg nuremberga",
  hamburg: "hamburg hambourg hamburgo amburgo",
  frankfurt: "frankfurt francfort francoforte",
  // Organisations, events, groups
  imf: "imf fmi iwf",
  ecb: "ecb bce ezb",
  wto: "wto omc",
  oecd: "oecd ocde",
  red_cross: "red_cross croix_rouge rotes_kreuz cruz_roja cruz_vermelha croce_rossa",
  european_commission:
    "european_commission commission_europeenne eu_kommission comision_europea comissao_europeia commissione_europea",
  security_council:
    "security_council conseil_de_securite sicherheitsrat consejo_de_seguridad conselho_de_seguranca",
  supreme_court:
    "supreme_court cour_supreme oberster_gerichtshof tribunal_supremo supremo_tribunal corte_suprema",
  pentagon: "pentagon pentagone pentagono",
  congress: "congress congres kongress congreso congresso",
  senate: "senate senat senado senato",
  olympics: "olympics olympic olympiques olympischen olympische olimpicos olimpiadi olimpiadas",
  world_cup: "world_cup coupe_du_monde weltmeisterschaft copa_del_mundo copa_do_mundo mondiali",
  champions_league: "champions_league ligue_des_champions liga_de_campeones liga_dos_campeoes",
  islamic_state:
    "islamic_state etat_islamique islamischer_staat estado_islamico stato_islamico isis daech daesh is ei",
  taliban: "taliban talibans talibas talebani",
  hezbollah: "hezbollah hizbollah hisbollah hezbola",
  vatican: "vatican vatikan vaticano",
  muslims: "muslims muslim musulmans musulman muslime muslimische musulmanes musulmanos muculmanos musulmani",
  christians: "christians chretiens christen cristianos cristaos cristiani",
  jews: "jews juifs juden judios judeus ebrei jewish juif juive judische",
  catholic: "catholic catholique catholiques katholische katholischen catolica catolico cattolica",
  ai: "ai ia ki",
  eurozone: "eurozone zone_euro euro_zone eurozona",
  brexit: "brexit",
  rohingya: "rohingya rohingyas",
};

/** Longest name in tokens: the matcher tries this many first. */
export const MAX_NAME_TOKENS = 3;

const TABLE = new Map<string, string>();
for (const [key, spellings] of Object.entries(NAMES)) {
  for (const spelling of spellings.split(" ")) TABLE.set(spelling.replaceAll("_", " "), key);
}

/**
 * The key of the name that starts at `tokens[i]`, and how many tokens it spans, or null.
 * Longest match first, so "etats unis" wins over a lone "unis".
 */
export function nameAt(
  tokens: readonly { text: string; allCaps: boolean }[],
  i: number,
): { key: string; length: number } | null {
  const first = tokens[i];
  if (first === undefined) return null;
  if (CAPS_ONLY.has(first.text))
    return first.allCaps ? { key: TABLE.get(first.text) ?? first.text, length: 1 } : null;
  let phrase = "";
  let best: { key: string; length: number } | null = null;
  for (let length = 1; length <= MAX_NAME_TOKENS && i + length <= tokens.length; length++) {
    phrase = length === 1 ? first.text : `${phrase} ${tokens[i + length - 1]?.text ?? ""}`;
    const key = TABLE.get(phrase);
    if (key !== undefined) best = { key, length };
  }
  return best;
}

/** Acronyms that are also common words ("join us", French "un", Portuguese "eu"): names only in capitals. */
const CAPS_ONLY = new Set([
  "ai",
  "ia",
  "ki",
  "is",
  "ei",
  "fmi",
  "imf",
  "iwf",
  "bce",
  "ecb",
  "ezb",
  "omc",
  "wto",

  "us",
  "un",
  "eu",
  "ue",
  "who",
  "oms",
  "onu",
  "uno",
  "otan",
  "nato",
  "eeuu",
  "eua",
  "uk",
]);
