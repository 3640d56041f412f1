/**
 * The commonest words of news about what HAPPENED, as en, fr, de, es, pt and it write them,
 * each mapped to one concept key: "arrested", "interpellé", "festgenommen", "detido" are one
 * term, so the French story and its English copy agree on more than their names. Written
 * from general news vocabulary (what wires report: arrests, closures, failures, launches,
 * rulings, disasters), not from the labelled pairs.
 *
 * Only words whose spellings differ across languages need an entry: cognates that fold to
 * one prefix ("scandale"/"Skandal", "résolution"/"resolution") already match. A form is
 * matched by its story term (folded, cut to the prefix length), so one entry covers its
 * inflections. A concept key starts with "=", which no tokenised word can produce.
 */
const CONCEPTS: Record<string, string> = {
  arrest:
    "arrest arrested arrests arrete arretes arretee interpelle interpelles festgenommen festnahme verhaftet detenido detenidos detido detidos arrestato arrestati",
  close:
    "closes closure shuts fermeture ferme schliesst schliessung cierra cierre encerra encerramento chiude chiusura",
  fail: "fails failed failure echec echoue scheitert gescheitert fehlgeschlagen fracasa fracaso falha fracassa fallisce fallimento",
  launch:
    "launch launches launched lancement lance lancent startet lanzamiento lanza lancamento lanca lancio",
  rocket: "rocket rockets fusee fusees rakete raketen raketenstart cohete cohetes foguete foguetes razzo",
  car: "car cars voiture voitures coche coches carro carros automobile",
  fined: "fined amende amendes bussgeld geldstrafe multa multas multado multada",
  inquiry:
    "investigation probe inquiry enquete untersuchung ermittlungen investigacion investigacao indagine inchiesta",
  parliament: "parliament parlement parlament parlamento",
  election: "election elections wahl wahlen elecciones eleicoes elezioni",
  strike: "strike strikes greve greves streik streiks huelga huelgas sciopero",
  earthquake: "earthquake quake seisme tremblement erdbeben terremoto sismo",
  flood:
    "flood floods flooding inondation inondations hochwasser uberschwemmung inundacion inundaciones inundacoes cheias alluvione",
  fire: "wildfire blaze incendie incendies waldbrand incendio incendios",
  attack: "attack attacks attentat anschlag angriff atentado ataque attacco attentato",
  resign:
    "resigns resigned resignation demission demissionne rucktritt dimite dimision demissao demite dimissioni",
  court: "court tribunal gericht gerichtshof tribunale",
  verdict: "verdict ruling urteil sentencia sentenca sentenza",
  sentenced: "sentenced condamne condamnee verurteilt condenado condenada condannato",
  police: "police polizei policia polizia",
  government: "government gouvernement regierung gobierno governo",
  injured: "injured wounded blesses blessees verletzte verletzt heridos herido feridos ferido feriti",
  hostage: "hostage hostages otage otages geisel geiseln rehen rehenes refem refens ostaggio ostaggi",
  error: "error errors erreur erreurs fehler erro erros errore errori",
  factory: "factory plant usine usines werk fabrik fabrica fabbrica",
  users: "users utilisateurs nutzer usuarios utilizadores utenti",
  agreement: "agreement accord abkommen einigung acuerdo acordo accordo",
  tax: "tax taxes impot impots steuer steuern impuesto impuestos imposto impostos tassa tasse",
  prison: "prison jail gefangnis haft carcel prision prisao carcere",
  ban: "ban bans banned interdit interdiction verbot verbietet prohibe prohibicion proibe proibicao vieta divieto",
  plane: "plane airplane aircraft avion flugzeug aereo",
  train: "train trains zug tren comboio treno",
  hospital: "hospital hopital krankenhaus ospedale",
  school: "school schools ecole ecoles schule schulen escuela escola scuola",
  children: "children enfants kinder ninos criancas bambini",
  women: "women femmes frauen mujeres mulheres donne",
  water: "water eau wasser agua acqua",
  deal: "takeover acquisition rachat ubernahme adquisicion aquisicao acquisizione",
  talks: "talks negotiations negociations verhandlungen negociaciones negociacoes negoziati",
  missing: "missing disparu disparus vermisst desaparecido desaparecidos scomparso",
};

/** Built lazily from `termOf`, which story-terms.ts owns (it imports this module). */
let table: Map<string, string> | null = null;

/** The concept key of a story term, or null. */
export function conceptOf(term: string, termOf: (word: string) => string): string | null {
  if (table === null) {
    table = new Map();
    for (const [key, forms] of Object.entries(CONCEPTS)) {
      for (const form of forms.split(" ")) table.set(termOf(form), `=${key}`);
    }
  }
  return table.get(term) ?? null;
}
