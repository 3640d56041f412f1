/**
 * What cleanText must do to a text, found in one scan: a per-character table of flags. A
 * character with no flag is one that no replacing pass touches and that NFC leaves alone in
 * any string made only of such characters (nfc-safe-check.ts says why; nfc-safe.test.ts checks
 * the table against this Node's ICU, character by character), so most feed text, in any
 * script, skips `normalize("NFC")` and the passes it does not need.
 */

/** Some character may change under NFC: normalise. */
export const NEEDS_NFC = 1;
/** A C1 control (U+0080–U+009F): windows-1252 bytes mislabelled as Latin-1. */
export const C1_CONTROL = 2;
/** Collapsible space: a space character other than U+0020, or two U+0020 in a row. */
export const COLLAPSIBLE_SPACE = 4;
/** Zero-width space, word joiner or soft hyphen: dropped. */
export const INVISIBLE = 8;
/** U+00A0, collapsible too: French text has one every few words, where `replaceAll` beats a regex. */
export const NO_BREAK_SPACE = 16;
const SURROGATE = 32;

/**
 * NFC-safe characters past ASCII: the BMP, and plane 1 from U+1F000 (emoji and symbols).
 * Written by scripts/nfc-safe-ranges.ts (hexadecimal, `first-last` or one code point).
 */
const SAFE_RANGES =
  "a1-ac ae-2ff 34f 370-373 375-377 37a-37d 37f 384-386 388-38a 38c 38e-3a1 3a3-482 488-52f " +
  "531-556 559-58a 58d-58f 5be 5c0 5c3 5c6 5d0-5ea 5ef-5f4 600-60f 61b-64a 660-66f 671-6d5 6dd-6de " +
  "6e5-6e6 6e9 6ee-70d 70f-710 712-72f 74d-7b1 7c0-7ea 7f4-7fa 7fe-815 81a 824 828 830-83e 840-858 " +
  "85e 860-86a 870-891 8a0-8c9 8e2 900-93b 93d-94c 94e-950 955-957 960-983 985-98c 98f-990 993-9a8 " +
  "9aa-9b0 9b2 9b6-9b9 9bd 9bf-9c4 9c7-9c8 9cb-9cc 9ce 9e0-9e3 9e6-9fd a01-a03 a05-a0a a0f-a10 " +
  "a13-a28 a2a-a30 a32 a35 a38-a39 a3e-a42 a47-a48 a4b-a4c a51 a5c a66-a76 a81-a83 a85-a8d a8f-a91 " +
  "a93-aa8 aaa-ab0 ab2-ab3 ab5-ab9 abd-ac5 ac7-ac9 acb-acc ad0 ae0-ae3 ae6-af1 af9-aff b01-b03 " +
  "b05-b0c b0f-b10 b13-b28 b2a-b30 b32-b33 b35-b39 b3d b3f-b44 b47-b48 b4b-b4c b55 b5f-b63 b66-b77 " +
  "b82-b83 b85-b8a b8e-b90 b92-b95 b99-b9a b9c b9e-b9f ba3-ba4 ba8-baa bae-bb9 bbf-bc2 bc6-bc8 " +
  "bca-bcc bd0 be6-bfa c00-c0c c0e-c10 c12-c28 c2a-c39 c3d-c44 c46-c48 c4a-c4c c58-c5a c5c-c5d " +
  "c60-c63 c66-c6f c77-c8c c8e-c90 c92-ca8 caa-cb3 cb5-cb9 cbd-cc1 cc3-cc4 cc6-cc8 cca-ccc cdc-cde " +
  "ce0-ce3 ce6-cef cf1-cf3 d00-d0c d0e-d10 d12-d3a d3d d3f-d44 d46-d48 d4a-d4c d4e-d4f d54-d56 " +
  "d58-d63 d66-d7f d81-d83 d85-d96 d9a-db1 db3-dbb dbd dc0-dc6 dd0-dd4 dd6 dd8-dde de6-def df2-df4 " +
  "e01-e37 e3f-e47 e4c-e5b e81-e82 e84 e86-e8a e8c-ea3 ea5 ea7-eb7 ebb-ebd ec0-ec4 ec6 ecc-ece " +
  "ed0-ed9 edc-edf f00-f17 f1a-f34 f36 f38 f3a-f42 f44-f47 f49-f4c f4e-f51 f53-f56 f58-f5b f5d-f68 " +
  "f6a-f6c f77 f79 f7e-f7f f85 f88-f92 f94-f97 f99-f9c f9e-fa1 fa3-fa6 fa8-fab fad-fb4 fb6 fb8 " +
  "fba-fbc fbe-fc5 fc7-fcc fce-fda 1000-102d 102f-1036 1038 103b-108c 108e-10c5 10c7 10cd " +
  "10d0-1160 1176-11a7 11c3-1248 124a-124d 1250-1256 1258 125a-125d 1260-1288 128a-128d 1290-12b0 " +
  "12b2-12b5 12b8-12be 12c0 12c2-12c5 12c8-12d6 12d8-1310 1312-1315 1318-135a 1360-137c 1380-1399 " +
  "13a0-13f5 13f8-13fd 1400-167f 1681-169c 16a0-16f8 1700-1713 171f-1733 1735-1736 1740-1753 " +
  "1760-176c 176e-1770 1772-1773 1780-17d1 17d3-17dc 17e0-17e9 17f0-17f9 1800-1819 1820-1878 " +
  "1880-18a8 18aa 18b0-18f5 1900-191e 1920-192b 1930-1938 1940 1944-196d 1970-1974 1980-19ab " +
  "19b0-19c9 19d0-19da 19de-1a16 1a19-1a1b 1a1e-1a5e 1a61-1a74 1a80-1a89 1a90-1a99 1aa0-1aad 1abe " +
  "1b00-1b33 1b36-1b43 1b45-1b4c 1b4e-1b6a 1b74-1ba9 1bac-1be5 1be7-1bf1 1bfc-1c36 1c3b-1c49 " +
  "1c4d-1c8a 1c90-1cba 1cbd-1cc7 1cd3 1ce1 1ce9-1cec 1cee-1cf3 1cf5-1cf7 1cfa 1d00-1dbf 1e00-1f15 " +
  "1f18-1f1d 1f20-1f45 1f48-1f4d 1f50-1f57 1f59 1f5b 1f5d 1f5f-1f70 1f72 1f74 1f76 1f78 1f7a 1f7c " +
  "1f80-1fb4 1fb6-1fba 1fbc-1fbd 1fbf-1fc4 1fc6-1fc8 1fca 1fcc-1fd2 1fd6-1fda 1fdd-1fe2 1fe4-1fea " +
  "1fec-1fed 1ff2-1ff4 1ff6-1ff8 1ffa 1ffc 1ffe 200c-2027 202a-202e 2030-205e 2061-2064 2066-2071 " +
  "2074-208e 2090-209c 20a0-20c1 20dd-20e0 20e2-20e4 2100-2125 2127-2129 212c-218b 2190-2328 " +
  "232b-2429 2440-244a 2460-2adb 2add-2b73 2b76-2cee 2cf2-2cf3 2cf9-2d25 2d27 2d2d 2d30-2d67 " +
  "2d6f-2d70 2d80-2d96 2da0-2da6 2da8-2dae 2db0-2db6 2db8-2dbe 2dc0-2dc6 2dc8-2dce 2dd0-2dd6 " +
  "2dd8-2dde 2e00-2e5d 2e80-2e99 2e9b-2ef3 2f00-2fd5 2ff0-2fff 3001-3029 3030-303f 3041-3096 " +
  "309b-30ff 3105-312f 3131-318e 3190-31e5 31ef-321e 3220-a48c a490-a4c6 a4d0-a62b a640-a66e " +
  "a670-a673 a67e-a69d a6a0-a6ef a6f2-a6f7 a700-a7dc a7f1-a805 a807-a82b a830-a839 a840-a877 " +
  "a880-a8c3 a8c5 a8ce-a8d9 a8f2-a92a a92e-a952 a95f-a97c a980-a9b2 a9b4-a9bf a9c1-a9cd a9cf-a9d9 " +
  "a9de-a9fe aa00-aa36 aa40-aa4d aa50-aa59 aa5c-aaaf aab1 aab5-aab6 aab9-aabd aac0 aac2 aadb-aaf5 " +
  "ab01-ab06 ab09-ab0e ab11-ab16 ab20-ab26 ab28-ab2e ab30-ab6b ab70-abec abf0-abf9 ac00-d7a3 " +
  "d7b0-d7c6 d7cb-d7fb e000-f8ff fa0e-fa0f fa11 fa13-fa14 fa1f fa21 fa23-fa24 fa27-fa29 fb00-fb06 " +
  "fb13-fb17 fb20-fb29 fb4f-fdcf fdf0-fe19 fe30-fe52 fe54-fe66 fe68-fe6b fe70-fe74 fe76-fefc " +
  "ff01-ffbe ffc2-ffc7 ffca-ffcf ffd2-ffd7 ffda-ffdc ffe0-ffe6 ffe8-ffee fff9-fffd 1f000-1f02b " +
  "1f030-1f093 1f0a0-1f0ae 1f0b1-1f0bf 1f0c1-1f0cf 1f0d1-1f0f5 1f100-1f1ad 1f1e6-1f202 1f210-1f23b " +
  "1f240-1f248 1f250-1f251 1f260-1f265 1f300-1f6d8 1f6dc-1f6ec 1f6f0-1f6fc 1f700-1f7d9 1f7e0-1f7eb " +
  "1f7f0 1f800-1f80b 1f810-1f847 1f850-1f859 1f860-1f887 1f890-1f8ad 1f8b0-1f8bb 1f8c0-1f8c1 " +
  "1f8d0-1f8d8 1f900-1fa57 1fa60-1fa6d 1fa70-1fa7c 1fa80-1fa8a 1fa8e-1fac6 1fac8 1facd-1fadc " +
  "1fadf-1faea 1faef-1faf8 1fb00-1fb92 1fb94-1fbfa ";

/** Plane 1 from U+1F000: 1 where NFC-safe. */
const ASTRAL_FIRST = 0x1f000;
const astralSafe = new Uint8Array(0x1000);
const table = buildTable();

function buildTable(): Uint8Array {
  const flags = new Uint8Array(0x10000).fill(NEEDS_NFC);
  flags.fill(0, 0, 0x80);
  for (const range of SAFE_RANGES.trim().split(" ")) {
    const [first = 0, last = first] = range.split("-").map((hex) => Number.parseInt(hex, 16));
    if (first < 0x10000) flags.fill(0, first, last + 1);
    else astralSafe.fill(1, first - ASTRAL_FIRST, last - ASTRAL_FIRST + 1);
  }
  flags.fill(C1_CONTROL, 0x80, 0xa0);
  // JavaScript's \s past U+0020, and the collapsing pass's own additions (U+00A0 and friends).
  for (const space of [0x9, 0xa, 0xb, 0xc, 0xd, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff])
    flags[space] = COLLAPSIBLE_SPACE;
  flags.fill(COLLAPSIBLE_SPACE, 0x2000, 0x200b);
  flags[0xa0] = NO_BREAK_SPACE;
  for (const invisible of [0x200b, 0x2060, 0xad]) flags[invisible] = INVISIBLE;
  flags.fill(SURROGATE, 0xd800, 0xe000);
  return flags;
}

/** The flags of a code unit (a surrogate reads as NEEDS_NFC): for the table's test. */
export function codeUnitFlags(unit: number): number {
  const flags = table[unit] ?? NEEDS_NFC;
  return flags === SURROGATE ? NEEDS_NFC : flags;
}

/** Whether an astral code point is in the NFC-safe table: for its test. */
export function isAstralSafe(cp: number): boolean {
  return cp >= ASTRAL_FIRST && cp < ASTRAL_FIRST + astralSafe.length && astralSafe[cp - ASTRAL_FIRST] === 1;
}

/**
 * The union of the flags of a text's characters. The loop only ORs table entries (branches
 * per character cost three times as much); surrogates and double spaces are looked at after.
 */
export function cleaningNeeds(text: string): number {
  let needs = 0;
  for (let i = 0; i < text.length; i++) needs |= table[text.charCodeAt(i)] as number;
  if ((needs & SURROGATE) !== 0) needs = (needs & ~SURROGATE) | astralNeeds(text);
  if ((needs & COLLAPSIBLE_SPACE) === 0 && text.includes("  ")) needs |= COLLAPSIBLE_SPACE;
  return needs;
}

function astralNeeds(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit >= 0xe000) continue;
    const low = text.charCodeAt(i + 1);
    if (unit >= 0xdc00 || !(low >= 0xdc00 && low < 0xe000)) return NEEDS_NFC;
    i++;
    if (!isAstralSafe(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000)) return NEEDS_NFC;
  }
  return 0;
}
