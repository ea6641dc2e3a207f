// Word material for the synthetic dataset. Titles, summaries, remarks and quotes are assembled from these
// lists so that full-text search sees real English (stemmed by the 'english' configuration) with a
// realistic spread: a few topics and names are common, most are rare (the generator picks with a skew
// towards the start of each list). Nothing here is a real claim about real people.
import { AgreementSubject } from '../../src/generated/prisma/enums.js';

/** Splits a `;`-separated list written over several lines (keeps long word lists compact). */
function list(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The countries of the dataset: the two of the relationship first, then the others the seed names. */
export const COUNTRIES = [
  { iso: 'JP', name: 'Japan', adjective: 'Japanese', aliases: ['Tokyo'] },
  { iso: 'VN', name: 'Vietnam', adjective: 'Vietnamese', aliases: ['Viet Nam', 'Hanoi'] },
  { iso: 'CN', name: 'China', adjective: 'Chinese', aliases: ["People's Republic of China", 'Beijing'] },
  { iso: 'US', name: 'United States', adjective: 'American', aliases: ['U.S.', 'Washington'] },
  { iso: 'AU', name: 'Australia', adjective: 'Australian', aliases: ['Canberra'] },
  { iso: 'GB', name: 'United Kingdom', adjective: 'British', aliases: ['Britain'] },
  { iso: 'PH', name: 'Philippines', adjective: 'Philippine', aliases: ['the Philippines', 'Manila'] },
  { iso: 'ID', name: 'Indonesia', adjective: 'Indonesian', aliases: ['Jakarta'] },
  { iso: 'SG', name: 'Singapore', adjective: 'Singaporean', aliases: [] },
  { iso: 'IN', name: 'India', adjective: 'Indian', aliases: ['New Delhi'] },
] as const;

export type CountryIso = (typeof COUNTRIES)[number]['iso'];

/** People's names by country: [family names, given names]. Vietnamese names take a middle name too. */
export const PERSON_NAMES: Record<CountryIso, { family: string[]; middle?: string[]; given: string[] }> = {
  JP: {
    family: list(`
  Yamada; Suzuki; Tanaka; Watanabe; Ito; Nakamura; Kobayashi; Kato; Yoshida; Yamamoto; Sasaki;
  Matsumoto; Inoue; Kimura; Hayashi; Shimizu; Yamaguchi; Mori; Ikeda; Hashimoto; Ishikawa; Ogawa;
  Okada; Hasegawa; Fujita; Goto; Kondo; Murakami; Endo; Aoki; Sakamoto; Fujii; Nishimura; Fukuda;
  Ota; Miura; Takeuchi; Nakajima; Okamoto; Matsuda; Harada; Nakano; Ono; Tamura; Fujiwara; Takeda;
  Ueda; Morita; Kubo; Hamada; Komura; Onodera; Iwaya; Kishi; Kono; Nakatani; Inada; Sakurai;
  Kitamura; Arai
`),
    given: list(`
  Taro; Kenji; Hiroshi; Takeshi; Shigeru; Itsunori; Tomomi; Yoko; Satoshi; Akira; Masahiro; Koichi;
  Daisuke; Kenta; Haruka; Yuko; Naoko; Emi; Gen; Minoru; Yasukazu; Nobuo; Fumio; Hideo; Makoto;
  Ryota; Shinji; Tetsuya; Yuji; Kazuhiro
`),
  },
  VN: {
    family: list('Nguyen; Tran; Le; Pham; Hoang; Phan; Vu; Vo; Dang; Bui; Do; Ho; Ngo; Duong; Ly'),
    middle: list('Van; Thi; Minh; Xuan; Duc; Quoc; Thanh; Huu; Anh; Hong; Ngoc; Trong'),
    given: list(`
  Giang; Chinh; Phuc; Lich; Hung; Dung; Son; Tuan; Cuong; Thang; Hai; Nam; Long; Binh; Khanh;
  Quang; Linh; Lan; Mai; Huong; Trang; Hoa; Vinh; Tam; Thuan; Trung; Duy; Phong; Hieu; Loc
`),
  },
  CN: {
    family: list('Wang; Li; Zhang; Liu; Chen; Wei; Zhao'),
    given: list('Jun; Hao; Lei; Ming; Qiang; Yi'),
  },
  US: {
    family: list('Miller; Austin; Carter; Brooks; Hayes'),
    given: list('Lloyd; Ashton; Karen; James; Ellen'),
  },
  AU: { family: list('Marles; Payne; Dutton; Reynolds'), given: list('Richard; Marise; Linda; Peter') },
  GB: { family: list('Wallace; Shapps; Heappey; Fallon'), given: list('Ben; Grant; James; Michael') },
  PH: { family: list('Lorenzana; Teodoro; Santos; Reyes'), given: list('Delfin; Gilberto; Maria; Jose') },
  ID: { family: list('Subianto; Wijaya; Santoso; Hidayat'), given: list('Prabowo; Budi; Sri; Agus') },
  SG: { family: list('Ng; Tan; Lim; Chan'), given: list('Eng Hen; Chuan Jin; Wei Ling; Kok Hwa') },
  IN: { family: list('Singh; Sharma; Menon; Rao'), given: list('Rajnath; Anil; Priya; Suresh') },
};

/** Offices people hold, by country side. The first few are the common ones. */
export const POSITION_TITLES: Record<'JP' | 'VN' | 'OTHER', string[]> = {
  JP: list(`
  Minister of Defense; State Minister of Defense; Vice-Minister of Defense;
  Parliamentary Vice-Minister of Defense; Chief of Staff, Joint Staff;
  Chief of Staff, Maritime Self-Defense Force; Chief of Staff, Ground Self-Defense Force;
  Chief of Staff, Air Self-Defense Force; Director-General of the Bureau of Defense Policy;
  Ambassador of Japan to Vietnam; Defense Attaché to Vietnam; Commandant of the Japan Coast Guard;
  Prime Minister of Japan; Minister for Foreign Affairs;
  Commissioner of the Acquisition, Technology and Logistics Agency
`),
  VN: list(`
  Minister of National Defence; Deputy Minister of National Defence;
  Chief of the General Staff of the Vietnam People’s Army; Commander of the Vietnam People’s Navy;
  Commander of the Vietnam Coast Guard; Director of the Foreign Relations Department;
  Ambassador of Vietnam to Japan; Defence Attaché to Japan;
  Commander of the Air Defence – Air Force; Director of Military Hospital 108;
  Prime Minister of Vietnam; President of Vietnam; Minister of Foreign Affairs;
  Commander of Naval Region 4
`),
  OTHER: ['Minister of Defence', 'Chief of Defence Force', 'Ambassador', 'Defence Attaché', 'Navy Chief'],
};

/** Organisations by country side; numbered units are added by the generator when more are needed. */
export const ORGANISATIONS: Record<'JP' | 'VN' | 'OTHER', string[]> = {
  JP: list(`
  Ministry of Defense of Japan; Japan Maritime Self-Defense Force; Japan Ground Self-Defense Force;
  Japan Air Self-Defense Force; Joint Staff of Japan; Japan Coast Guard;
  Acquisition, Technology and Logistics Agency; National Institute for Defense Studies;
  Ministry of Foreign Affairs of Japan; Embassy of Japan in Vietnam;
  National Defense Academy of Japan; Japan International Cooperation Agency;
  Self-Defense Forces Central Hospital; Cyber Defense Group
`),
  VN: list(`
  Ministry of National Defence of Vietnam; Vietnam People’s Army; Vietnam People’s Navy;
  Vietnam Coast Guard; Vietnam Border Guard; Air Defence – Air Force of Vietnam;
  General Department of Defence Industry; Military Hospital 108; Foreign Relations Department;
  Ministry of Foreign Affairs of Vietnam; Embassy of Vietnam in Japan;
  National Defence Academy of Vietnam; Vietnam Department of Peacekeeping Operations;
  Command 86 (Cyberspace Operations)
`),
  OTHER: ['Ministry of Defence', 'Navy', 'Coast Guard', 'Embassy in Hanoi', 'Defence Forces'],
};

export const UNIT_KINDS = list(`
  Escort Flotilla; Naval Region; Air Wing; Infantry Regiment; Engineer Brigade; Medical Unit;
  Signal Battalion; Training Squadron; Coast Guard Region; Submarine Flotilla; Hydrographic Unit
`);

export const PLACES: Record<'JP' | 'VN' | 'OTHER', string[]> = {
  JP: list(`
  Tokyo; Yokosuka; Kure; Sasebo; Maizuru; Osaka; Naha; Hiroshima; Yokohama; Nagoya; Fukuoka;
  Sapporo; Ichigaya; Iruma; Camp Asaka; Etajima
`),
  VN: list(`
  Hanoi; Ho Chi Minh City; Da Nang; Cam Ranh; Hai Phong; Nha Trang; Hue; Can Tho; Vung Tau;
  Quang Ninh; Ha Long Bay; Binh Dinh
`),
  OTHER: ['Singapore', 'Jakarta', 'Manila', 'Canberra', 'Bangkok', 'Phnom Penh', 'Vientiane', 'Kuala Lumpur'],
};

/**
 * Subjects of events, remarks and quotes, commonest first. Each is a noun phrase that reads after
 * "cooperation on", "talks about", "agreed to strengthen".
 */
export const TOPICS = list(`
  defence cooperation; maritime security; regional security; the South China Sea;
  freedom of navigation; cybersecurity; defence equipment transfer; peacekeeping operations;
  humanitarian assistance and disaster relief; the rule of law at sea; military medicine;
  capacity building; coast guard patrol vessels; port calls; the Indo-Pacific;
  high-level exchanges; military education; search and rescue; submarine rescue; aviation safety;
  unexploded ordnance clearance; landmine clearance; defence industry cooperation; undersea cables;
  space situational awareness; military hydrography; pilot training; radar systems;
  training aircraft; logistics support; counter-piracy; the East China Sea; ASEAN centrality;
  the Mekong subregion; international law; climate security;
  Japanese language education for officers; field hospitals; military music exchanges;
  dioxin remediation; chemical weapons disposal; nuclear non-proliferation; missile launches;
  grey-zone coercion; island reclamation; fishing militia; maritime domain awareness;
  oil spill response; typhoon relief; earthquake relief; pandemic response; vaccine logistics;
  medical supplies; cadet exchanges; staff talks; defence policy dialogue;
  vice-ministerial dialogue; strategic partnership; comprehensive strategic partnership;
  arms control; critical infrastructure protection; supply chain resilience; rare earths;
  shipbuilding; used patrol boats; P-3C aircraft; coastal radar; satellite imagery;
  drone operations
`);

/** What was agreed or done about a topic: reads before a topic. */
export const VERB_PHRASES = list(`
  strengthen cooperation on; step up consultations on; deepen dialogue about; expand exchanges on;
  reaffirm their commitment to; work together on; share information about; hold regular talks on;
  explore joint projects in; accelerate work on; review progress in; set up a working group on;
  promote mutual understanding of; coordinate closely on; oppose unilateral changes regarding
`);

export const SAY_VERBS = [
  'said',
  'told reporters',
  'stressed',
  'noted',
  'emphasised',
  'told the meeting',
  'added',
];

export const SOURCE_PUBLISHERS = [
  { name: 'Kyodo News', domain: 'english.kyodonews.net' },
  { name: 'VnExpress International', domain: 'e.vnexpress.net' },
  { name: 'The Japan Times', domain: 'www.japantimes.co.jp' },
  { name: 'Vietnam News Agency', domain: 'vnanet.vn' },
  { name: 'Nikkei Asia', domain: 'asia.nikkei.com' },
  { name: 'Tuoi Tre News', domain: 'tuoitrenews.vn' },
  { name: 'The Diplomat', domain: 'thediplomat.com' },
  { name: 'NHK World', domain: 'www3.nhk.or.jp' },
  { name: 'Vietnam News', domain: 'vietnamnews.vn' },
  { name: 'The Epoch Times', domain: 'www.theepochtimes.com' },
  { name: 'Ministry of Defense of Japan', domain: 'www.mod.go.jp' },
  { name: 'Ministry of National Defence of Vietnam', domain: 'mod.gov.vn' },
];

export const AUTHOR_NAMES = list(`
  Aldgra Fredly; Mari Yamaguchi; Nguyen Hoang; Ken Moriyasu; Khanh Vu; Sakura Murakami; Tim Kelly;
  Phuong Nguyen; Jesse Johnson; Gabriel Dominguez; Linh Pham; Yuka Obayashi
`);

export const AGREEMENT_SUBJECTS = Object.values(AgreementSubject);

export const SUBJECT_WORDS: Record<AgreementSubject, string> = {
  DEFENCE_EQUIPMENT_TRANSFER: 'the transfer of defence equipment and technology',
  CYBERSECURITY: 'cybersecurity',
  MILITARY_MEDICINE: 'military medicine',
  MARITIME_SECURITY: 'maritime security',
  PEACEKEEPING: 'peacekeeping operations',
  TRAINING: 'training and education',
  INTELLIGENCE: 'information sharing',
  GENERAL_DEFENCE_COOPERATION: 'defence cooperation',
};

/** Regions a remark may be about, besides countries (the relationship view counts these). */
export const REGIONS = [
  'Indo-Pacific',
  'South China Sea',
  'East China Sea',
  'ASEAN',
  'Mekong',
  'Korean Peninsula',
];
