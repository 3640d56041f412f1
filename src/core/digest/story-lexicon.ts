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
  // Crime, justice, security
  arrest:
    "arrest arrested arrests arrete arretes arretee festgenommen festnahme verhaftet detenido detenidos detido detidos detida arrestato arrestati",
  charged: "charged inculpe inculpee angeklagt anklage acusado acusada imputado indiciado",
  court: "court tribunal gericht gerichtshof tribunale",
  verdict:
    "verdict ruling sentenced urteil verurteilt sentencia sentenca sentenza condamne condamnee condenado condenada condannato",
  lawsuit: "sues sued lawsuit plainte klage klagt verklagt",
  trial: "trial juicio julgamento",
  judge: "judge juge richter juez juiz giudice",
  lawyer: "lawyer lawyers avocat avocats anwalt anwalte abogado abogados advogado advogados avvocato",
  prosecutor:
    "prosecutor prosecutors procureur staatsanwalt staatsanwaltschaft fiscalia promotoria procuratore",
  deport:
    "deported deportation expulse expulses abgeschoben abschiebung deportado deportados deportacion expulsao espulso",
  asylum: "asylum asile asyl asilo",
  prison: "prison jail gefangnis haft carcel prision prisao carcere",
  police: "police polizei policia polizia",
  inquiry: "probe inquiry enquete ermittlungen ermittelt indagine inchiesta",
  suspect:
    "suspect suspects suspected verdachtiger verdachtige sospechoso sospechosos suspeito suspeitos sospettato",
  murder: "murder murdered meurtre mord ermordet asesinato asesinado assassinato assassinado omicidio",
  killed: "killed tue tuee getotet matou uccisi",
  shooting: "shooting shootings fusillade schiesserei tiroteo tiroteio sparatoria gunman tireur",
  attack: "attack attacks attentat anschlag angriff atentado ataque attacco attentato",
  bomb: "bomb bombs bombe bomben bomba bombas explosion explosions explosao esplosione",
  hostage: "hostage hostages otage otages geisel geiseln rehen rehenes refem refens ostaggio ostaggi",
  fraud: "fraud fraude betrug truffa",
  corruption:
    "corruption korruption corrupcion corrupcao corruzione bribery bribe bestechung soborno suborno",
  harassment: "harassment harcelement acoso assedio molestie",
  smuggling: "smuggling contrebande schmuggel contrabando contrabbando",
  weapons: "weapons weapon gun guns armes waffen waffe armas arma",
  drugs: "drugs narcotics drogue drogues drogen drogas droga",
  missing: "missing disparu disparus disparue vermisst desaparecido desaparecidos desaparecida scomparso",
  victims: "victims victim victimes victime opfer victimas victima vitimas vitima vittime",
  // Politics
  government: "government gouvernement regierung gobierno governo",
  parliament: "parliament parlement parlament parlamento",
  election: "election elections wahl wahlen elecciones eleicoes elezioni",
  vote: "vote votes voted abstimmung votacion votacao votazione",
  poll: "poll polls survey sondage sondages umfrage encuesta sondagem sondaggio",
  minister: "minister ministre minister ministro ministra",
  president: "president presidente prasident",
  chancellor: "chancellor chanceliere chancelier kanzler kanzlerin canciller chanceler cancelliere",
  mayor: "mayor maire alcalde prefeito sindaco",
  king: "king roi konig rey rei",
  queen: "queen reine konigin reina rainha regina",
  party: "party partei partido partito parti",
  opposition: "opposition opposant opposants oposicion oposicao opposizione",
  resign:
    "resigns resigned resignation demission demissionne rucktritt dimite dimision demissao demite dimissioni",
  law: "law loi gesetz gesetzentwurf ley lei legge",
  ban: "ban bans banned interdit interdiction verbot verbietet prohibe prohibicion proibe proibicao vieta divieto",
  sanctions: "sanctions sanktionen sanciones sancoes sanzioni",
  treaty: "treaty tratado trattato",
  agreement: "agreement accord abkommen einigung acuerdo acordo accordo",
  talks: "talks negotiations verhandlungen negoziati",
  summit: "summit sommet gipfel cumbre cimeira vertice",
  protest:
    "protest protests protesters manifestation manifestations manifestants demonstration demonstranten protesta protestas manifestacion manifestacao manifestantes",
  strike: "strike strikes greve greves streik streiks huelga huelgas sciopero",
  citizens: "citizens citoyens cidadaos cittadini",
  residents: "residents habitants einwohner bewohner residentes habitantes abitanti",
  rights: "rights droits rechte derechos direitos diritti",
  peace: "peace paix frieden paz",
  speech: "speech discours ansprache discurso discorso",
  response: "response reponse antwort respuesta resposta risposta",
  refugees: "refugees refugies fluchtlinge refugiados rifugiati",
  migrants: "migrants migranten migrantes",
  border: "border frontiere grenze frontera fronteira",
  troops: "troops soldiers soldats truppen soldaten tropas soldados truppe soldati",
  army: "army military armee militar militares ejercito exercito esercito",
  ceasefire: "ceasefire truce cessez waffenruhe waffenstillstand tregua",
  nuclear: "nuclear nucleaire atomic atom atomkraft atomar nucleare",
  embassy:
    "embassy ambassade embajada embaixada ambasciata ambassador ambassadeur embajador embaixador ambasciatore",
  spy: "spy spies espion espions spion spione espia espiao spia espionage espionnage spionage",
  // Economy and business
  deal: "takeover acquisition rachat rachete ubernahme ubernimmt adquisicion adquiere aquisicao adquire acquisizione",
  merger: "merger fusion fusao fusione",
  profit: "profit profits benefice benefices beneficio beneficios lucro lucros",
  loss: "loss losses perte pertes verlust verluste perdida perdidas prejuizo perdita",
  revenue: "revenue revenues sales umsatz umsatze ingresos ventas receita receitas ricavi fatturato",
  forecast:
    "forecast forecasts prevision previsions prognose prognosen prevision previsiones previsao previsoes",
  quarter: "quarter quarterly trimestre trimestriel quartal quartals quartalszahlen",
  billion: "billion billions milliard milliards milliarde milliarden miliardo miliardi bilhao bilhoes",
  fined: "fined fines amende amendes bussgeld geldstrafe multa multas multado multada multe",
  tax: "tax taxes taxe impot impots steuer steuern impuesto impuestos imposto impostos tassa tasse",
  workers:
    "workers employees staff mitarbeiter trabajadores empleados trabalhadores funcionarios lavoratori dipendenti",
  fired: "sacked licencie licencies gefeuert despedidos despedido demitidos demitido licenziati",
  salary: "salary salaries wages salaire salaires gehalt lohn lohne salario salarios stipendi",
  budget: "budget haushalt presupuesto orcamento bilancio",
  pension: "pension pensions retraite retraites rente renten pensiones pensoes pensioni",
  reform: "reform reforms reforme reformes reforma reformas riforma",
  unemployment: "unemployment chomage desempleo paro desemprego disoccupazione",
  growth: "growth croissance wachstum crecimiento crescimento crescita",
  recession: "recession rezession recesion recessao recessione",
  rates: "rates taux zins zinsen leitzins juros tassi",
  currency: "currency monnaie wahrung moneda moeda valuta",
  tariffs: "tariff tariffs zolle zoll strafzolle aranceles arancel dazi",
  trade: "trade commerce handel comercio commercio",
  housing: "housing logement logements wohnung wohnungen vivienda viviendas",
  rent: "rent loyer loyers miete mieten alquiler aluguel affitto",
  tobacco: "tobacco tabac tabak tabaco tabacco",
  bank: "bank banks banque banques banken banco bancos banca banche",
  company: "company firm entreprise unternehmen firma empresa empresas azienda",
  bankruptcy: "bankruptcy bankrupt faillite insolvenz pleite quiebra falencia fallimento",
  debt: "debt debts dette dettes schulden deuda deudas divida dividas debito",
  inflation: "inflation inflacion inflacao inflazione",
  oil: "oil petrole ol erdol petroleo petrolio",
  gas: "gas gaz erdgas",
  auction:
    "auction auctioned enchere encheres versteigert versteigerung auktion subasta subastado leilao leiloado asta",
  customers: "customers clients kunden clientes clienti",
  users: "users utilisateurs nutzer usuarios utilizadores utenti",
  factory: "factory plant usine usines werk fabrik fabrica fabbrica",
  close:
    "closes closure shuts fermeture ferme schliesst schliessung cierra cierre encerra encerramento chiude chiusura",
  launch:
    "launch launches launched lancement lance lancent startet lanzamiento lanza lancamento lanca lancio",
  delayed: "delayed delay delays retarde retard verzogert verzogerung retraso retrasa atraso atrasa ritardo",
  fail: "fails failed failure echec echoue scheitert fehlgeschlagen fracasa fracaso falha fracassa fallisce",
  missed: "missed verfehlt verfehlen incumple",
  shares: "shareholders accionistas acionistas azionisti",
  // Technology
  data: "data donnees daten datos dados dati",
  privacy: "privacy datenschutz",
  flaw: "vulnerability vulnerabilities flaw flaws faille failles lucke vulnerabilidad vulnerabilidade falla",
  hack: "hack hacked hackers piratage pirate pirates gehackt hackerangriff hackeo hackeado pirata",
  error: "error errors erreur erreurs fehler erro erros errore errori",
  phone:
    "phone phones smartphone smartphones telephone telephones telefon telefono telefonos telemovel telefone",
  computer: "computer computers ordinateur ordinateurs rechner ordenador ordenadores computador",
  software: "software logiciel logiciels",
  chip: "chip chips puce puces",
  battery: "battery batteries batterie akku bateria baterias",
  screen: "screen screens ecran ecrans bildschirm pantalla pantallas tela schermo display",
  keyboard: "keyboard clavier tastatur teclado tastiera",
  car: "car cars voiture voitures auto autos coche coches carro carros automobile automobil",
  electric: "electric electrique elektrisch electrico eletrico elettrico",
  foldable: "foldable folding pliable pliant faltbar faltbares plegable dobravel pieghevole",
  drone: "drone drones drohne drohnen",
  robot: "robot robots roboter robo",
  satellite: "satellite satellites satellit satelliten satelite satelites",
  rocket: "rocket rockets fusee fusees rakete raketen raketenstart cohete cohetes foguete foguetes razzo",
  space: "space espace weltraum raumfahrt espacio espaco spazio",
  release: "released releases publie veroffentlicht rilascia",
  free: "free gratuit gratuite gratuits gratis gratuito gratuita",
  review: "review tested teste getestet recensione",
  version: "version versions versao versione",
  // Society, health, disasters, culture
  health: "health sante gesundheit salud saude",
  study: "study etude studie estudo",
  research: "research recherche forschung pesquisa ricerca",
  scientists: "scientists scientifiques cientificos cientistas scienziati",
  reactor: "reactor reactors reacteur reacteurs reaktor reaktoren",
  hospital: "hospital hopital krankenhaus klinik ospedale",
  doctor: "doctor doctors medecin medecins arzt arzte medico medicos",
  patients: "patients patient patienten pacientes paciente pazienti",
  disease: "disease maladie krankheit enfermedad doenca malattia",
  vaccine: "vaccine vaccines vaccin vaccins impfstoff impfung vacuna vacunas vacina vacinas vaccino",
  cancer: "cancer krebs cancro",
  pneumonia: "pneumonia pneumonie lungenentzundung neumonia",
  injured:
    "injured wounded injuries blesses blessees blesse verletzte verletzt heridos herido feridos ferido feriti",
  accident: "crash accident unfall collision choque acidente",
  volcano: "volcano volcan vulkan vulcao vulcano",
  hurricane: "hurricane ouragan hurrikan huracan furacao uragano",
  avalanche: "avalanche lawine avalancha valanga",
  landslide: "landslide glissement erdrutsch deslizamiento deslizamento frana",
  evacuate:
    "evacuated evacuation evacue evacues evacuees evakuiert evakuierung evacuados evacuacion evacuacao evacuati",
  rescue: "rescue rescued sauvetage rettung gerettet rescate rescatados resgate resgatados salvataggio",
  earthquake: "earthquake quake seisme tremblement erdbeben terremoto sismo",
  flood:
    "flood floods flooding inondation inondations hochwasser uberschwemmung inundacion inundaciones inundacoes cheias alluvione",
  fire: "wildfire wildfires blaze incendie incendies waldbrand incendio incendios",
  storm: "storm storms tempete tempetes sturm unwetter tormenta tempestade tempesta",
  snow: "snow neige schnee nieve neve",
  heat: "heatwave canicule hitzewelle hitze calor",
  climate: "climate climat klima clima",
  drought: "drought secheresse durre sequia seca siccita",
  flight: "flight flights flug fluge vuelo vuelos voo voos volo voli",
  passengers: "passengers passagers passagiere pasajeros passageiros passeggeri",
  plane: "plane airplane aircraft avion flugzeug aereo aviao",
  airport: "airport aeroport flughafen aeropuerto aeroporto",
  airline: "airline airlines fluggesellschaft aerolinea",
  train: "train trains zug tren comboio treno",
  bus: "bus buses autobus autocarro onibus",
  ship: "ship boat navire bateau schiff barco navio nave",
  school: "school schools ecole ecoles schule schulen escuela escola scuola",
  university: "university universite universitat universidad universidade universita",
  students: "students etudiants studenten estudiantes estudantes studenti",
  birth: "birth born naissance geburt geboren nacimiento nacio nascimento nasceu nascita",
  wedding: "wedding marriage mariage hochzeit boda casamento matrimonio",
  divorce: "divorce scheidung divorcio divorzio",
  pregnant: "pregnant enceinte schwanger embarazada gravida incinta",
  moon: "moon lune mond luna lua",
  blood: "blood sang blut sangre sangue",
  island: "island islands ile iles insel inseln isla islas ilha ilhas isola",
  city: "city ville stadt ciudad cidade citta",
  children: "children kids enfants kinder ninos criancas bambini",
  women: "women femmes frauen mujeres mulheres",
  husband: "husband mari ehemann marido marito",
  wife: "wife epouse ehefrau esposa moglie",
  son: "son fils sohn hijo filho figlio",
  daughter: "daughter fille tochter hija filha figlia",
  mother: "mother mutter madre mae",
  father: "father pere vater padre pai",
  water: "water eau wasser agua acqua",
  food: "food nourriture alimentation comida alimentos cibo",
  meat: "meat viande fleisch carne",
  chocolate: "chocolate chocolat schokolade cioccolato",
  film: "film films movie movies filme pelicula peliculas",
  series: "series serie serien",
  tv: "tv television televisee fernsehen fernseh television televisao televisione",
  director: "director filmmaker realisateur regisseur realizador cineasta regista",
  actor: "actor actress acteur actrice schauspieler schauspielerin atriz attore attrice",
  singer: "singer chanteur chanteuse sanger sangerin cantante cantor cantora",
  song: "song songs chanson cancion cancao canzone",
  award: "award awards prize premio premios",
  stamps: "stamps stamp timbres timbre briefmarken briefmarke sellos sello selos selo francobolli",
  exhibition: "exhibition exposition ausstellung exposicion exposicao mostra",
  church: "church eglise kirche iglesia igreja chiesa",
  museum: "museum musee museo museu",
  // Sport
  match: "match jogo",
  coach: "coach trainer entraineur entrenador treinador allenatore",
  referee: "referee arbitre schiedsrichter arbitro",
  transfer: "transfer transfert transferencia transferencia trasferimento",
  champion: "champion champions campeon campeao campione meister",
  goal: "goal goals gol goles golos",
  disciplinary: "disciplinary disciplinaire disziplinarverfahren disciplinario disciplinar disciplinare",
};

/** Number words: "dix épisodes" and "10-part" agree on 10, "zwanzig" and "veinte" on 20. */
const NUMBERS: Record<string, string> = {
  "10": "ten dix zehn diez dez dieci",
  "11": "eleven onze undici",
  "12": "twelve douze zwolf doce doze dodici",
  "15": "fifteen quinze funfzehn quince quindici",
  "20": "twenty vingt zwanzig veinte vinte venti",
  "30": "thirty trente dreissig treinta trinta trenta",
  "50": "fifty cinquante funfzig cincuenta cinquenta",
  "100": "hundred hundert cien cem cento",
  "1000": "thousand mille tausend",
};

/** Built lazily from `termOf`, which story-terms.ts owns (it imports this module). */
let table: Map<string, string> | null = null;
/** Whole forms of at least COMPOUND_MIN letters, as written above: the tails German compounds end in. */
let tails: Map<string, string> | null = null;
const COMPOUND_MIN = 4;
/** Forms that end German words of other meanings: Wissenschaft, Auswahl, Netzwerk, Datenbank, Obergrenze, Vorurteil. */
const NOT_TAILS = new Set(["haft", "wahl", "werk", "bank", "grenze", "urteil"]);

function build(termOf: (word: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  tails = new Map();
  for (const [key, forms] of Object.entries(CONCEPTS)) {
    for (const form of forms.split(" ")) {
      out.set(termOf(form), `=${key}`);
      if (form.length >= COMPOUND_MIN && !NOT_TAILS.has(form)) tails.set(form, `=${key}`);
    }
  }
  // A number word is its number: a term like any number, not a concept.
  for (const [n, forms] of Object.entries(NUMBERS))
    for (const form of forms.split(" ")) out.set(termOf(form), n);
  return out;
}

/** Every concept and number word with its forms, for the test that no two share a term. */
export function lexiconEntries(): { key: string; forms: string[] }[] {
  return [...Object.entries(CONCEPTS), ...Object.entries(NUMBERS)].map(([key, forms]) => ({
    key,
    forms: forms.split(" "),
  }));
}

/** The concept key (or number) of a story term, or null. */
export function conceptOf(term: string, termOf: (word: string) => string): string | null {
  table ??= build(termOf);
  return table.get(term) ?? null;
}

/**
 * The concept a German compound ends in: "Elektroauto" → car, "Umsatzprognosen" →
 * forecast, "Datenschutzbehörde" → nothing. The head of the compound already gives the
 * word's own term (its prefix); the tail is the part another language writes as a word of
 * its own. Only tails of at least COMPOUND_MIN letters after a head of at least 3.
 */
export function compoundTail(word: string, termOf: (word: string) => string): string | null {
  table ??= build(termOf);
  for (let i = 3; i <= word.length - COMPOUND_MIN; i++) {
    const tail = word.slice(i);
    // The tail must be a whole word of the table (or one inflected by -e, -s, -n, -en).
    for (const cut of [0, 1, 2]) {
      const stem = cut === 0 ? tail : tail.slice(0, -cut);
      if (stem.length < COMPOUND_MIN || (cut > 0 && !/^(e|s|n|en)$/.test(tail.slice(-cut)))) continue;
      const key = tails?.get(stem);
      if (key !== undefined) return key;
    }
  }
  return null;
}
