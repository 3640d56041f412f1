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
