/**
 * Word lists for story grouping, folded as the tokeniser folds (no accents, lower case).
 * Languages: en, fr, de, es, pt, it — those of the feeds we see.
 *
 * - STOP: dropped; function words and weekdays (they date the news, not tell it apart).
 * - FORMULAIC: kept but weighing little; the words of headline families that repeat for
 *   unrelated events ("X hits record high", "Live: … updates", "stocks fall", "dies at 80").
 *   This is the prior used while the store holds too few recent items for document
 *   frequencies to say which words are common (a fresh install, a unit test).
 * - RISE/FALL: a headline's direction; two headlines going opposite ways are not one event.
 */
const words = (lines: string[]): string[] =>
  lines
    .join(" ")
    .split(" ")
    .filter((w) => w !== "");

export const STOP: ReadonlySet<string> = new Set(
  words([
    // fr
    "le la les de des du un une et en au aux pour par sur dans que qui est ce ces son sa ses pas plus",
    "il elle ils elles se ne ou mais avec sans sont ont a y leur leurs lui nous vous on cette cet",
    // en
    "the of and to in on for with at by from is are as an be it its this that was after over a",
    "he she they we you his her their has have had not but or into about than were been will would",
    "i me my our your them who which what when where how why can could may might should do does did",
    // de
    "der die das und im mit von zu den dem des ein eine einer einen auf fur ist sich nicht bei aus",
    "er sie es wir ihr sind hat haben wird werden war am um an als auch noch nur oder aber vom zum zur",
    "dass wenn dafur dazu damit daher kann konnen soll sollen muss mussen ohne uber unter bis seit schon sehr so",
    // pt / es / it
    "o os um uma e do da dos das em no na nos nas para com por se el los las del con y al lo su sus",
    "es son fue ha han que como mas pero sin sobre entre ao aos pelo pela il di che per non gli della",
    // Weekdays date the news rather than tell stories apart.
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd hui",
    "monday tuesday wednesday thursday friday saturday sunday yesterday today",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag gestern heute",
    "lunes martes miercoles jueves viernes sabado domingo ayer hoy hoje ontem",
  ]),
);

export const FORMULAIC: readonly string[] = words([
  // en
  "live updates update latest breaking news hits hit record high highs low lows new says said",
  "stocks stock shares share market markets prices price sharply dies died dead death aged",
  "video watch photos pictures first year years old week day days more top best world war",
  "report reports amid just now here look",
  // Thousands separated by a dot, comma or space ("185.000") leave this token behind.
  "000",
  // fr
  "direct infos info actualite actualites nouveau nouvelle nouvelles nouveaux record hausse baisse",
  "bourse mort morte meurt ans selon apres video photos contre premier premiere annonce fait",
  "comment pourquoi encore tout tous toujours faut veut etre avoir monde guerre jour semaine",
  // de
  "ticker liveticker neue neuer neues neuen news rekord hoch tief aktien borse steigt fallt stirbt",
  "tot jahre jahren nach gegen wie warum was mehr erste ersten bilder welt krieg tag woche",
  // es / pt / it
  "vivo directo noticias noticia novo nova nuevo nueva recorde alta baixa baja morre muere anos",
  "apos segundo contra fotos mundo guerra dia semana nuovo nuova notizie ultime",
]);

export const RISE_WORDS: readonly string[] = words([
  "rise rises rising rose gain gains soar soars soaring surge surges surging jump jumps climb climbs",
  "hausse monte montent grimpe grimpent bondit bondissent progresse",
  "steigt steigen gewinnt gewinnen klettert",
  "sube suben sobe sobem dispara disparan",
]);

export const FALL_WORDS: readonly string[] = words([
  "fall falls falling fell drop drops dropped slump slumps plunge plunges tumble tumbles sink sinks",
  "slide slides decline declines baisse chute chutent recule reculent plonge degringole",
  "fallt fallen sinkt sinken verliert verlieren sturzt",
  "cae caen baja bajan cai caem queda desploma",
]);
