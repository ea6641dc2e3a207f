// The seed dataset of the Japan–Vietnam defence log, curated by hand from two news articles (copied
// unchanged under seeds/) and the three @ModJapan_en posts embedded in the second one.
//
// Conventions:
// - Every `quote` is copied character for character from its source (curly quotes, the U+2011
//   non-breaking hyphen in "Self‑Defence", emoji flags): tests/seed-dataset.test.ts checks this.
// - Remarks: `isDirectQuote: true` only when the source quotes a whole statement of the speaker in
//   quotation marks (then `content` is those words, verbatim). When only a fragment is quoted inside
//   the source's paraphrase ("same destiny", "strong sense of urgency"), `content` is the source's
//   paraphrase, quoted fragment and all, and `isDirectQuote` is false.
// - A position agreed jointly by two people ("the two reaffirmed…") is one remark per speaker.
// - Event date claims are pinned with `claimField: 'startDate'`, agreement date claims with
//   `claimField: 'signedDate'`, signing-event claims with `claimField: 'signingEvent'` (value: event key).
// - CAMEO codes are recorded at the three-digit level; PLOVER is left empty only for plain statements
//   (CAMEO 010), which PLOVER does not code as an event category. PLOVER modes are given where the manual's
//   list for the category fits (CONSULT visit), contexts from PLOVER's list. Each event's codingNote says why.
import type { SeedCitation, SeedDataset, SeedEvent, SeedParticipant, SeedSource } from './dataset-types.js';
import type { SeedAgreement, SeedBasis, SeedRemark } from './dataset-types.js';

const cite = (source: string, quote: string, claimField?: string, claimValue?: string): SeedCitation =>
  claimField === undefined ? { source, quote } : { source, quote, claimField, claimValue };

/**
 * A value inferred from a quote: the citation that pins it (claimField/claimValue) and the basis with the
 * reasoning. Spread `.citation` into the claim's citations and `.basis` into its basis.
 */
const infer = (field: string, value: string, source: string, quote: string, note: string) => ({
  citation: cite(source, quote, field, value),
  basis: { field, basis: 'INFERRED', note } satisfies SeedBasis,
});

/** The 🇯🇵🇻🇳 flags as the posts have them (regional indicator symbols J P V N). */
const FLAGS = '\u{1F1EF}\u{1F1F5}\u{1F1FB}\u{1F1F3}';

// ---------------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------------

/** Aldgra Fredly, Nov 24 2021. No publisher or URL is stated in the text, so neither is recorded. */
const A1 = 'fredly-2021-11-24-japan-vietnam-oppose-change-by-coercion';
/** The article dated 2021-09-13 (no author, publisher or URL stated). */
const A2 = 'article-2021-09-13-japan-vietnam-sign-deal-for-peace-and-stability';
const P_KEYNOTE = 'modjapan-en-2021-09-12-keynote-speech';
const P_COURTESY = 'modjapan-en-2021-09-12-courtesy-calls';
const P_MEETING = 'modjapan-en-2021-09-11-defence-ministers-meeting';

const MOD_JAPAN_ACCOUNT = 'Japan Ministry of Defense/Self-Defense Forces (@ModJapan_en)';

const sources: SeedSource[] = [
  {
    key: A1,
    kind: 'NEWS_ARTICLE',
    title: 'Japan, Vietnam Oppose Bids to Change Status Quo in Regional Waters ‘By Coercion’',
    authors: ['Aldgra Fredly'],
    published: { date: '2021-11-24', precision: 'DAY' },
    textFile: '000_77c5f5285978eff5.txt',
    // The closing credit, and the credit the article gives for Kishi's quoted words to the media.
    attributions: ['The Associated Press contributed to this article.', 'reported Kyodo News'],
  },
  {
    key: A2,
    kind: 'NEWS_ARTICLE',
    // The article has no title line (it opens " date 2021-09-13 Japan and Vietnam should…"); its one
    // headline-like line, "Japan & Vietnam sign a deal for peace and stability in region", is used as
    // the title — a judgement call.
    title: 'Japan & Vietnam sign a deal for peace and stability in region',
    authors: [],
    published: { date: '2021-09-13', precision: 'DAY' },
    textFile: '004_30b27e0cb4826dc3.txt',
    attributions: ['According to AP', '(Image: AP)'],
  },
  // The three posts, as embedded in A2 (the t.co links are the posts' image links). Posts have no
  // title, so the title is the post's opening clause. Each fullText is the post's whole paragraph in
  // A2, up to and including its "— … (@ModJapan_en) <date>" line end; the Sept 11 post's paragraph
  // begins "On Sep 11," (that is part of the post, not of the article's prose).
  {
    key: P_KEYNOTE,
    kind: 'SOCIAL_POST',
    title: '@ModJapan_en: DM Kishi delivered a keynote speech at Vietnam Ministry of National Defence',
    publisher: MOD_JAPAN_ACCOUNT,
    authors: [],
    published: { date: '2021-09-12', precision: 'DAY' },
    fullText:
      'DM Kishi delivered a keynote speech at Vietnam Ministry of National Defence, regarding the directions of ' +
      'Japan-Vietnam defence cooperation and exchanges, and contributions to #ASEAN, at the “New Level.” ' +
      FLAGS +
      'https://t.co/thRaxu9eOo pic.twitter.com/cpIkNY9ScN — Japan Ministry of Defense/Self-Defense Forces ' +
      '(@ModJapan_en) September 12, 2021',
    attributions: [],
    embeddedIn: A2,
  },
  {
    key: P_COURTESY,
    kind: 'SOCIAL_POST',
    title: '@ModJapan_en: DM Kishi paid a courtesy call on President Phuc and Prime Minister Chinh',
    publisher: MOD_JAPAN_ACCOUNT,
    authors: [],
    published: { date: '2021-09-12', precision: 'DAY' },
    fullText:
      'DM Kishi paid a courtesy call on President Phuc and Prime Minister Chinh. They confirmed they will ' +
      'collaborate to jointly contribute to the peace and stability of the region and the international ' +
      'community to reinforce and develop ' +
      FLAGS +
      ' defence cooperation at the “New Level.” pic.twitter.com/5Hfsj2z9Gp — Japan Ministry of ' +
      'Defense/Self-Defense Forces (@ModJapan_en) September 12, 2021',
    attributions: [],
    embeddedIn: A2,
  },
  {
    key: P_MEETING,
    kind: 'SOCIAL_POST',
    title:
      '@ModJapan_en: DM Kishi participated in a Japan-Vietnam Defence Ministers’ Meeting with General Giang',
    publisher: MOD_JAPAN_ACCOUNT,
    authors: [],
    published: { date: '2021-09-11', precision: 'DAY' },
    fullText:
      'On Sep 11, after having received a military Guard of Honor, DM Kishi participated in a Japan-Vietnam ' +
      'Defence Ministers’ Meeting with General Giang, Minister of Defence of Vietnam. ' +
      FLAGS +
      'https://t.co/twFi41lKcs pic.twitter.com/MgDVJVSSfP — Japan Ministry of Defense/Self-Defense Forces ' +
      '(@ModJapan_en) September 11, 2021',
    attributions: [],
    embeddedIn: A2,
  },
];

// ---------------------------------------------------------------------------------------------------
// Participants
// ---------------------------------------------------------------------------------------------------

const country = (key: string, name: string, isoCode: string, aliases: string[] = []): SeedParticipant => ({
  key,
  kind: 'COUNTRY',
  name,
  isoCode,
  ...(aliases.length ? { aliases } : {}),
});

const MOD_JP = 'japan-ministry-of-defense';
const MND_VN = 'vietnam-ministry-of-national-defence';
const JSDF = 'japan-self-defense-forces';
const VPA = 'vietnamese-peoples-army';
const NATO = 'nato';
const ASEAN = 'asean';
const KISHI = 'nobuo-kishi';
const GIANG = 'phan-van-giang';
const CHINH = 'pham-minh-chinh';
const KISHIDA = 'fumio-kishida';
const PHUC = 'nguyen-xuan-phuc';

const KISHI_TITLE = 'Minister of Defense';
const GIANG_TITLE = 'Minister of National Defence';
const CHINH_TITLE = 'Prime Minister of Vietnam';
const KISHIDA_TITLE = 'Prime Minister of Japan';
const PHUC_TITLE = 'President of Vietnam';

const participants: SeedParticipant[] = [
  // Countries: every country the articles name. "Tokyo" stands for Japan's government once in A1.
  country('japan', 'Japan', 'JP', ['Tokyo']),
  country('vietnam', 'Vietnam', 'VN', ['Viet Nam']),
  country('china', 'China', 'CN', ["People's Republic of China"]),
  country('united-states', 'United States', 'US', ['the United States', 'U.S.', 'United States of America']),
  country('australia', 'Australia', 'AU'),
  country('united-kingdom', 'United Kingdom', 'GB', ['Britain', 'Great Britain']),
  country('philippines', 'Philippines', 'PH', ['the Philippines']),
  country('indonesia', 'Indonesia', 'ID'),
  country('singapore', 'Singapore', 'SG'),

  // Organisations. The armed forces are recorded as organisations (MILITARY_UNIT is kept for units).
  {
    key: MOD_JP,
    kind: 'ORGANISATION',
    name: 'Ministry of Defense of Japan',
    aliases: [
      'Japanese Defense Ministry',
      'Japanese Defence Ministry',
      'Japan Ministry of Defense/Self-Defense Forces',
      '@ModJapan_en',
      'Japan Ministry of Defense',
    ],
    country: 'japan',
    description: "Japan's defence ministry; it posts in English as @ModJapan_en.",
  },
  {
    key: MND_VN,
    kind: 'ORGANISATION',
    name: 'Ministry of National Defence of Vietnam',
    aliases: ['Vietnam Ministry of National Defence', 'Vietnamese Ministry of National Defence'],
    country: 'vietnam',
    description: "Vietnam's defence ministry.",
  },
  {
    key: JSDF,
    kind: 'ORGANISATION',
    name: 'Japan Self-Defense Forces',
    aliases: ['Japan Self-Defence Forces', 'Japan Self\u2011Defence Forces', 'JSDF', 'Self-Defense Forces'],
    country: 'japan',
    description: "Japan's armed forces.",
  },
  {
    key: VPA,
    kind: 'ORGANISATION',
    name: "Vietnamese People's Army",
    aliases: ["Vietnam People's Army", "People's Army of Vietnam"],
    country: 'vietnam',
    description: "Vietnam's armed forces.",
  },
  {
    key: ASEAN,
    kind: 'ORGANISATION',
    name: 'Association of Southeast Asian Nations',
    aliases: ['ASEAN', '#ASEAN'],
    description: 'The regional organisation; the keynote post names Japan’s contributions to it.',
  },
  {
    key: NATO,
    kind: 'ORGANISATION',
    name: 'North Atlantic Treaty Organization',
    aliases: ['NATO'],
    description:
      'The North Atlantic alliance; the November article mentions a NATO cyberspace exercise Japan took part in.',
  },

  // People.
  {
    key: KISHI,
    kind: 'PERSON',
    name: 'Nobuo Kishi',
    // 'Kish' is A2's typo ("Kish along with his Vietnamese counterpart…").
    aliases: ['DM Kishi', 'Kishi', 'Kish'],
    country: 'japan',
    description: "Japan's defence minister at the time of both articles.",
    positions: [
      {
        title: KISHI_TITLE,
        organisation: MOD_JP,
        citations: [
          cite(A1, 'Defense Minister Nobuo Kishi'),
          cite(A2, 'Japanese Defence Minister Nobuo Kishi'),
          cite(P_MEETING, 'DM Kishi participated in a Japan-Vietnam Defence Ministers’ Meeting'),
        ],
      },
    ],
  },
  {
    key: GIANG,
    kind: 'PERSON',
    name: 'Phan Van Giang',
    aliases: ['General Giang', 'Giang'],
    country: 'vietnam',
    description: "Vietnam's defence minister (a general) at the time of both articles.",
    positions: [
      {
        title: GIANG_TITLE,
        organisation: MND_VN,
        basis: [
          {
            field: 'title',
            basis: 'OUTSIDE_KNOWLEDGE',
            note:
              'The sources call him "Minister of Defence of Vietnam" and Kishi’s "Vietnamese counterpart"; ' +
              'Minister of National Defence is the office’s official title.',
          },
        ],
        citations: [
          cite(P_MEETING, 'General Giang, Minister of Defence of Vietnam'),
          cite(A1, 'Defense Minister Nobuo Kishi and his Vietnamese counterpart Phan Van Giang'),
          cite(A2, 'Kishi met with his Vietnamese counterpart Phan Van Giang'),
        ],
      },
    ],
  },
  {
    key: CHINH,
    kind: 'PERSON',
    name: 'Pham Minh Chinh',
    aliases: ['Prime Minister Chinh', 'Chinh'],
    country: 'vietnam',
    description: "Vietnam's prime minister at the time of both articles.",
    positions: [
      {
        title: CHINH_TITLE,
        citations: [
          cite(A1, 'Vietnamese Prime Minister Pham Minh Chinh'),
          cite(A2, 'Vietnamese President Nguyen Xuan Phuc and Prime Minister Pham Minh Chinh'),
          cite(P_COURTESY, 'Prime Minister Chinh'),
        ],
      },
    ],
  },
  {
    key: KISHIDA,
    kind: 'PERSON',
    name: 'Fumio Kishida',
    aliases: ['Kishida'],
    country: 'japan',
    description: "Japan's prime minister at the time of the first article (Nov 2021).",
    positions: [{ title: KISHIDA_TITLE, citations: [cite(A1, 'Japan’s Prime Minister Fumio Kishida')] }],
  },
  {
    key: PHUC,
    kind: 'PERSON',
    name: 'Nguyen Xuan Phuc',
    aliases: ['President Phuc', 'Phuc'],
    country: 'vietnam',
    description: "Vietnam's president at the time of the second article (Sept 2021).",
    positions: [
      {
        title: PHUC_TITLE,
        citations: [cite(A2, 'Vietnamese President Nguyen Xuan Phuc'), cite(P_COURTESY, 'President Phuc')],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------
// Quotes used more than once
// ---------------------------------------------------------------------------------------------------

const Q = {
  a2Visit:
    'His remarks came as he made his maiden visit to Vietnam after assuming the role of Japanese defence minister.',
  a2Sunday:
    'Japan and Vietnam should work together to address various regional security issues, including upsurge in ' +
    'Chinese incursions in the South China Sea, Japanese Defence Minister Nobuo Kishi told reporters on Sunday.',
  a2SameDestiny:
    'Asserting that both the countries share the “same destiny”, Kishi called for a boost in defence ' +
    'cooperation for regional stability based on rule of law.',
  a2LongQuote:
    'The Japan Self-Defence Forces are now contributing to the maintenance and strengthening of the "Free and ' +
    'Open Indo-Pacific", and the existence of the powerful Vietnamese People\'s Army – which continues to ' +
    'further enhance its capabilities –has become essential to maintain peace and stability in the region. In ' +
    'light of the stark reality of the security environment surrounding us, our cooperation must aim for ' +
    'further heights',
  a2Saturday:
    'On Saturday, Kishi met with his Vietnamese counterpart Phan Van Giang and the two reaffirmed the ' +
    'importance of freedom of navigation and overflight in the Indo-Pacific region.',
  a2CourtesyCalls:
    'Additionally, he also held meetings with Vietnamese President Nguyen Xuan Phuc and Prime Minister Pham ' +
    'Minh Chinh.',
  a2Pact:
    'Later in the day, both the countries signed a pact allowing Japan to export defence equipment and ' +
    'technology to Vietnam.',
  a2Consultations:
    'Kish along with his Vietnamese counterpart Phan Van Giang decided to intensify consultations for the ' +
    'transfer of specific equipment including vessels.',
  a2MinistersAgreed:
    'The Ministers agreed to contribute to peace and stability in the region by strengthening bilateral ' +
    'defence cooperation, including through high-level exchanges, promotion of cooperative activities ' +
    'associated with peacekeeping operations.',
  a2PortCalls:
    'They also affirmed to enhance port calls in Vietnam by Japan Self\u2011Defence Forces (JSDF) vessels and ' +
    'aircraft.',
  a2Memorandums:
    'Furthermore, they agreed to enhance bilateral relations by signing memorandums to facilitate ' +
    'cooperation between the defence authorities of Japan and Vietnam in the fields of cybersecurity and ' +
    'military medicine, the Japanese Defence Ministry said in a statement.',
  a2FreedomOfNavigation:
    'It added that Kishi and Giang agreed on the importance of maintaining freedom of navigation and ' +
    'overflight in the Indo-Pacific region.',
  a2Opposition:
    'During the talks, Kishi expressed Japan’s strong opposition to “any unilateral attempts to change the ' +
    'status quo by coercion or any activities that escalate tensions"',
  a2China:
    'According to AP, the Japanese defence minister did not reveal the name of the country but he was ' +
    'referring to China’s activity in the East and the South China Sea.',
  p3Meeting:
    'On Sep 11, after having received a military Guard of Honor, DM Kishi participated in a Japan-Vietnam ' +
    'Defence Ministers’ Meeting with General Giang, Minister of Defence of Vietnam.',
  p2CourtesyCall: 'DM Kishi paid a courtesy call on President Phuc and Prime Minister Chinh.',
  p2Confirmed:
    'They confirmed they will collaborate to jointly contribute to the peace and stability of the region and ' +
    'the international community to reinforce and develop ' +
    FLAGS +
    ' defence cooperation at the “New Level.”',
  p1Keynote:
    'DM Kishi delivered a keynote speech at Vietnam Ministry of National Defence, regarding the directions of ' +
    'Japan-Vietnam defence cooperation and exchanges, and contributions to #ASEAN, at the “New Level.”',
  a1Oppose:
    'The defense ministers of Japan and Vietnam agreed to oppose any unilateral attempts to change the status ' +
    'quo “by coercion” in regional waters, seemingly referring to China’s assertive activities in the East ' +
    'and South China Seas.',
  a1Meeting:
    'Defense Minister Nobuo Kishi and his Vietnamese counterpart Phan Van Giang discussed regional security in ' +
    'the regional waters in a Nov. 23 meeting, confirming the countries’ cooperation in maintaining the ' +
    'existing international order.',
  a1Tokyo:
    'The meeting took place in Tokyo, a day after Vietnamese Prime Minister Pham Minh Chinh and his entourage ' +
    'arrived for a four-day visit at the invitation of Japan’s Prime Minister Fumio Kishida.',
  a1InternationalLaw:
    'Both ministers reconfirmed the importance of countries complying with international law, while ' +
    'respecting freedom of navigation and overflight, according to the Japanese Defense Ministry.',
  a1Signed:
    'The countries signed two agreements on cybersecurity and military medicine, in which Japan will ' +
    'strengthen its support for Vietnam in dealing with cyberattacks and medical-related issues.',
  a1Urgency:
    'Kishi told reporters that the cyberspace agreement aimed to address a “strong sense of urgency” over ' +
    'activities in the Indo-Pacific region that challenge the existing international order, indicating China ' +
    'without identifying any country by name.',
  a1NewLevel:
    'He said talks with Phan Van Giang, had taken “defense cooperation between the two countries to a new ' +
    'level”.',
  a1Kyodo:
    '“Japan and Vietnam agreed to more actively contribute to peace and stability in the region and the ' +
    'international community by utilizing each other’s strengths and resources,” Kishi told media after the ' +
    'meeting, reported Kyodo News.',
  a1Cyber:
    'Japan has in recent years stepped up cyberdefense cooperation with the United States, Australia, and ' +
    'other partners, and participated in a NATO cyberspace exercise in April.',
  a1CyberTalks: 'Japan has also held cybersecurity talks with Vietnam, Singapore, and Indonesia.',
  a1CyberThreat:
    'Japanese Defense Ministry said cyberattacks are part of rising security threats from China as it becomes ' +
    'more assertive in the region—a shared concern by the United States and other allies in the region.',
  a1TwoMonths:
    'Tuesday’s agreement comes only two months after the two countries struck a deal allowing Japan to ' +
    'provide defense equipment and technology to Vietnam.',
  a1Details:
    'Details of the transfer of specific equipment, possibly naval vessels, are still being discussed.',
  a1Eleventh:
    'Vietnam is the 11th nation with which Japan has signed a defense equipment and technology transfer deal ' +
    'as Tokyo seeks to support its own struggling defense industry.',
  a1Similar: 'has signed similar agreements with Britain, Australia, the Philippines, and Indonesia.',
};

// ---------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------

const E = {
  kishiVisit: 'kishi-visit-to-vietnam-2021-09',
  guardOfHonour: 'guard-of-honour-for-kishi-2021-09-11',
  septMeeting: 'japan-vietnam-defence-ministers-meeting-2021-09-11',
  courtesyCalls: 'kishi-courtesy-calls-on-phuc-and-chinh-2021-09-11',
  septSigning: 'signing-of-equipment-transfer-agreement-2021-09-11',
  keynote: 'kishi-keynote-speech-at-vietnam-mnd-2021-09-12',
  septPress: 'kishi-press-remarks-2021-09-12',
  septStatement: 'japan-mod-statement-on-defence-ministers-talks-2021-09',
  consultations: 'japan-vietnam-equipment-transfer-consultations',
  invitation: 'kishida-invites-chinh-to-japan-2021',
  chinhVisit: 'chinh-visit-to-japan-2021-11',
  novMeeting: 'japan-vietnam-defence-ministers-meeting-2021-11-23',
  novSigning: 'signing-of-cybersecurity-and-military-medicine-memoranda-2021-11-23',
  novPress: 'kishi-press-remarks-2021-11-23',
  natoExercise: 'nato-cyberspace-exercise-2021-04',
  cyberTalksVietnam: 'japan-vietnam-cybersecurity-talks',
  cyberTalksSingapore: 'japan-singapore-cybersecurity-talks',
  cyberTalksIndonesia: 'japan-indonesia-cybersecurity-talks',
};

// Inferences used by several events.
/** A2's activities on "Saturday" and "Sunday": weekdays resolved against the article's date. */
const SATURDAY_NOTE =
  '"On Saturday" in an article dated Monday 13 September 2021 = Saturday 11 September 2021.';
const SUNDAY_NOTE = '"on Sunday" in an article dated Monday 13 September 2021 = Sunday 12 September 2021.';
/** Places in Vietnam whose city no source names. */
const IN_VIETNAM_NOTE =
  'It took place during Kishi’s visit to Vietnam ("his maiden visit to Vietnam"); no source names the city.';
const inVietnam = () => infer('placeCountry', 'vietnam', A2, Q.a2Visit, IN_VIETNAM_NOTE);
/** The November article's relative dates: it is dated Wednesday 24 November 2021. */
const TUESDAY_NOTE =
  '"Tuesday’s agreement" in an article dated Wednesday 24 November 2021, reporting the Nov. 23 meeting = 23 November 2021.';

const events: SeedEvent[] = [
  // ----- September 2021: Kishi in Vietnam -----
  {
    key: E.kishiVisit,
    kind: 'VISIT',
    title: 'Nobuo Kishi’s maiden visit to Vietnam as defence minister',
    summary:
      'Japan’s defence minister Nobuo Kishi made his first visit to Vietnam since taking office. During it he ' +
      'met his counterpart, called on the president and prime minister, and the two countries signed a ' +
      'defence equipment transfer pact.',
    start: { date: '2021-09-11', precision: 'DAY' },
    end: { date: '2021-09-12', precision: 'DAY' },
    placeCountry: 'vietnam',
    cameoCode: '042',
    ploverCategory: 'CONSULT',
    ploverMode: 'visit',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 042 (Make a visit) with Kishi as source actor and Vietnam as host; PLOVER CONSULT, mode ' +
      'visit (PLOVER codes the visitor as source, the host as recipient), context military (a defence ' +
      'minister’s visit). Dates: the span the sources attest — the first dated activity (Saturday = Sat ' +
      '11 Sept 2021, A2 dated Mon 13 Sept) to the last (press remarks on Sunday = 12 Sept); the actual ' +
      'arrival and departure days are not stated.',
    participants: [
      { participant: KISHI, role: 'VISITOR', citations: [cite(A2, Q.a2Visit)] },
      { participant: 'vietnam', role: 'HOST', citations: [cite(A2, Q.a2Visit)] },
    ],
    basis: [
      {
        field: 'startDate',
        basis: 'INFERRED',
        note: 'The first dated activity of the visit: ' + SATURDAY_NOTE + ' The arrival day is not stated.',
      },
      {
        field: 'endDate',
        basis: 'INFERRED',
        note: 'The last dated activity of the visit: ' + SUNDAY_NOTE + ' The departure day is not stated.',
      },
    ],
    citations: [
      cite(A2, Q.a2Visit),
      cite(A2, Q.a2Visit, 'placeCountry', 'vietnam'),
      cite(A2, Q.a2Saturday, 'startDate', '2021-09-11'),
      cite(A2, Q.a2Sunday, 'endDate', '2021-09-12'),
    ],
  },
  {
    key: E.guardOfHonour,
    kind: 'CEREMONY',
    title: 'Military guard of honour for Nobuo Kishi',
    summary:
      'Before the defence ministers’ meeting on 11 September, Kishi was received with a military guard of ' +
      'honour.',
    start: { date: '2021-09-11', precision: 'DAY' },
    placeCountry: 'vietnam',
    cameoCode: '043',
    ploverCategory: 'CONSULT',
    ploverMode: 'visit',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 043 (Host a visit): a guard of honour is the host’s formal reception of a visitor; PLOVER ' +
      'CONSULT, mode visit (PLOVER has no hosting mode: a visit and its hosting are one interaction, the ' +
      'visitor its source), context military (military honours). The post does not say who rendered the ' +
      'honours (presumably the Vietnamese military), so only Kishi is recorded, as GUEST.',
    participants: [
      {
        participant: KISHI,
        role: 'GUEST',
        citations: [
          cite(P_MEETING, 'after having received a military Guard of Honor, DM Kishi participated'),
        ],
      },
    ],
    basis: [inVietnam().basis],
    citations: [
      cite(
        P_MEETING,
        'On Sep 11, after having received a military Guard of Honor, DM Kishi participated in a Japan-Vietnam ' +
          'Defence Ministers’ Meeting',
        'startDate',
        '2021-09-11',
      ),
      inVietnam().citation,
    ],
  },
  {
    key: E.septMeeting,
    kind: 'MEETING',
    title: 'Japan–Vietnam Defence Ministers’ Meeting (Kishi–Giang), September 2021',
    summary:
      'Kishi and Phan Van Giang held talks in Vietnam, reaffirmed freedom of navigation and overflight in the ' +
      'Indo-Pacific, and agreed to step up consultations on transferring specific equipment, including ' +
      'vessels, and to deepen defence cooperation, including JSDF port calls in Vietnam.',
    start: { date: '2021-09-11', precision: 'DAY' },
    placeCountry: 'vietnam',
    cameoCode: '040',
    ploverCategory: 'CONSULT',
    ploverMode: 'visit',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 040 (Consult) for bilateral ministerial talks; PLOVER CONSULT, mode visit (Kishi visiting, ' +
      'Giang hosting), context military. The agreements reached are recorded as remarks and as the ' +
      'separate signing event. Date: the post says "On Sep 11" and A2 says "On Saturday" (11 Sept 2021). ' +
      'Per A2 (citing the Japanese Defence Ministry) the cybersecurity and military-medicine memorandums ' +
      'were signed at these talks; A1 says they were signed on 23 Nov 2021 — see the memorandums’ ' +
      'signingEvent claims.',
    participants: [
      {
        participant: KISHI,
        role: 'VISITOR',
        citations: [cite(P_MEETING, Q.p3Meeting), cite(A2, Q.a2Saturday)],
      },
      { participant: GIANG, role: 'HOST', citations: [cite(P_MEETING, Q.p3Meeting), cite(A2, Q.a2Saturday)] },
      { participant: 'china', role: 'SUBJECT', citations: [cite(A2, Q.a2China)] },
      { participant: JSDF, role: 'SUBJECT', citations: [cite(A2, Q.a2PortCalls)] },
    ],
    basis: [inVietnam().basis],
    citations: [
      cite(P_MEETING, Q.p3Meeting, 'startDate', '2021-09-11'),
      cite(A2, Q.a2Saturday, 'startDate', '2021-09-11'),
      cite(A2, Q.a2Consultations),
      cite(A2, Q.a2MinistersAgreed),
      cite(A2, Q.a2PortCalls),
      cite(A2, 'During the talks, Kishi expressed Japan’s strong opposition'),
      inVietnam().citation,
    ],
  },
  {
    key: E.courtesyCalls,
    kind: 'COURTESY_CALL',
    title: 'Kishi’s courtesy calls on President Nguyen Xuan Phuc and Prime Minister Pham Minh Chinh',
    summary:
      'Kishi called on Vietnam’s president and prime minister; they confirmed they would work together for ' +
      'regional peace and stability and take defence cooperation to a “New Level”.',
    start: { date: '2021-09-11', precision: 'DAY' },
    placeCountry: 'vietnam',
    cameoCode: '042',
    ploverCategory: 'CONSULT',
    ploverMode: 'visit',
    ploverContexts: ['military'],
    codingNote:
      'One event for both calls: the post and A2 report them together in one sentence with one shared ' +
      'outcome ("They confirmed…") and give no separate time or place; split it if a source itemises ' +
      'them. CAMEO 042 (Make a visit) with Kishi as the visiting actor; PLOVER CONSULT, mode visit, ' +
      'context military (the calls were about defence cooperation). Date: A2 tells them in its "On ' +
      'Saturday" paragraph (11 Sept 2021), between the ministers’ meeting and "Later in the day"; the ' +
      'post is dated 12 Sept but only reports the calls.',
    participants: [
      {
        participant: KISHI,
        role: 'VISITOR',
        citations: [cite(P_COURTESY, Q.p2CourtesyCall), cite(A2, Q.a2CourtesyCalls)],
      },
      {
        participant: PHUC,
        role: 'HOST',
        citations: [cite(P_COURTESY, Q.p2CourtesyCall), cite(A2, Q.a2CourtesyCalls)],
      },
      {
        participant: CHINH,
        role: 'HOST',
        citations: [cite(P_COURTESY, Q.p2CourtesyCall), cite(A2, Q.a2CourtesyCalls)],
      },
    ],
    basis: [
      inVietnam().basis,
      infer(
        'startDate',
        '2021-09-11',
        A2,
        Q.a2Saturday,
        'The September article tells the calls in its "On Saturday" paragraph, between the ministers’ meeting and "Later in the day": ' +
          SATURDAY_NOTE,
      ).basis,
    ],
    citations: [
      cite(P_COURTESY, Q.p2CourtesyCall),
      cite(A2, Q.a2CourtesyCalls),
      cite(P_COURTESY, Q.p2Confirmed),
      inVietnam().citation,
      cite(A2, Q.a2Saturday, 'startDate', '2021-09-11'),
    ],
  },
  {
    key: E.septSigning,
    kind: 'SIGNING',
    title: 'Signing of the Japan–Vietnam defence equipment and technology transfer agreement',
    summary:
      'Japan and Vietnam signed a pact that allows Japan to export defence equipment and technology to ' +
      'Vietnam.',
    start: { date: '2021-09-11', precision: 'DAY' },
    placeCountry: 'vietnam',
    cameoCode: '057',
    ploverCategory: 'SUPPORT',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 057 (Sign formal agreement); PLOVER SUPPORT, which covers signing, ratifying or finalising ' +
      'an agreement (AGREE is for promises to sign; OEDA’s CAMEO2PLOVER table maps 057 to SUPPORT), ' +
      'context military (defence equipment). Date: "Later in the day" in the September article’s "On Saturday" paragraph = ' +
      '11 Sept 2021; A1 (24 Nov) agrees loosely ("only two months" before 23 Nov). The signers are not ' +
      'named, so the countries are the signatories.',
    participants: [
      { participant: 'japan', role: 'SIGNATORY', citations: [cite(A2, Q.a2Pact), cite(A1, Q.a1TwoMonths)] },
      { participant: 'vietnam', role: 'SIGNATORY', citations: [cite(A2, Q.a2Pact), cite(A1, Q.a1TwoMonths)] },
    ],
    basis: [
      inVietnam().basis,
      {
        field: 'startDate',
        basis: 'INFERRED',
        note: '"Later in the day" in the September article’s "On Saturday" paragraph: ' + SATURDAY_NOTE,
      },
    ],
    citations: [cite(A2, Q.a2Pact, 'startDate', '2021-09-11'), cite(A1, Q.a1TwoMonths), inVietnam().citation],
  },
  {
    key: E.keynote,
    kind: 'SPEECH',
    title: 'Kishi’s keynote speech at Vietnam’s Ministry of National Defence',
    summary:
      'Kishi gave a keynote speech at Vietnam’s defence ministry on where Japan–Vietnam defence cooperation ' +
      'and exchanges should go, and on contributing to ASEAN.',
    start: { date: '2021-09-01', precision: 'MONTH' },
    placeCountry: 'vietnam',
    cameoCode: '030',
    ploverCategory: 'AGREE',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 030 (Express intent to cooperate): a policy speech setting out the direction of defence ' +
      'cooperation "at the New Level"; PLOVER AGREE (which covers expressed willingness to cooperate), ' +
      'context military. Date: the speech day is not stated (11 or 12 Sept), so only the month.',
    participants: [
      {
        participant: KISHI,
        role: 'SPEAKER',
        citations: [cite(P_KEYNOTE, 'DM Kishi delivered a keynote speech')],
      },
      {
        participant: MND_VN,
        role: 'HOST',
        citations: [cite(P_KEYNOTE, 'a keynote speech at Vietnam Ministry of National Defence')],
      },
      { participant: ASEAN, role: 'SUBJECT', citations: [cite(P_KEYNOTE, 'contributions to #ASEAN')] },
    ],
    basis: [
      infer(
        'startDate',
        '2021-09-01',
        P_KEYNOTE,
        'September 12, 2021',
        'The post reporting the speech in the past tense is dated 12 September 2021, during the visit of 11–12 September; the day of the speech is not stated, so only the month.',
      ).basis,
      inVietnam().basis,
    ],
    citations: [
      cite(P_KEYNOTE, Q.p1Keynote),
      cite(P_KEYNOTE, 'September 12, 2021', 'startDate', '2021-09-01'),
      inVietnam().citation,
    ],
  },
  {
    key: E.septPress,
    kind: 'PRESS_REMARKS',
    title: 'Kishi’s remarks to reporters in Vietnam',
    summary:
      'Speaking to reporters during his Vietnam visit, Kishi said Japan and Vietnam share the “same destiny” ' +
      'and should work together on regional security, including Chinese incursions in the South China Sea, ' +
      'and praised the Vietnamese People’s Army.',
    start: { date: '2021-09-12', precision: 'DAY' },
    placeCountry: 'vietnam',
    cameoCode: '030',
    ploverCategory: 'AGREE',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 030 (Express intent to cooperate): the remarks call for stronger Japan–Vietnam defence ' +
      'cooperation ("our cooperation must aim for further heights"); 021 (appeal for cooperation) and 051 ' +
      '(praise, for the Vietnamese People’s Army) were considered. PLOVER AGREE, context military. Date: ' +
      '"Sunday" in an article dated Monday 13 Sept 2021 = 12 Sept 2021. Place: only "Vietnam" (said ' +
      'during the visit).',
    participants: [
      {
        participant: KISHI,
        role: 'SPEAKER',
        citations: [cite(A2, 'Japanese Defence Minister Nobuo Kishi told reporters on Sunday')],
      },
      {
        participant: 'china',
        role: 'SUBJECT',
        citations: [cite(A2, 'including upsurge in Chinese incursions in the South China Sea')],
      },
      {
        participant: VPA,
        role: 'SUBJECT',
        citations: [cite(A2, "the existence of the powerful Vietnamese People's Army")],
      },
      {
        participant: JSDF,
        role: 'SUBJECT',
        citations: [cite(A2, 'The Japan Self-Defence Forces are now contributing')],
      },
    ],
    basis: [{ field: 'startDate', basis: 'INFERRED', note: SUNDAY_NOTE }, inVietnam().basis],
    citations: [
      cite(A2, Q.a2Sunday, 'startDate', '2021-09-12'),
      cite(A2, Q.a2SameDestiny),
      inVietnam().citation,
    ],
  },
  {
    key: E.septStatement,
    kind: 'STATEMENT',
    title: 'Japanese Defence Ministry statement on the Kishi–Giang talks',
    summary:
      'Japan’s defence ministry issued a statement on the September talks: the ministers agreed to sign ' +
      'cybersecurity and military-medicine memorandums and on the importance of freedom of navigation and ' +
      'overflight.',
    start: { date: '2021-09-01', precision: 'MONTH' },
    cameoCode: '010',
    codingNote:
      'CAMEO 010 (Make statement); no PLOVER category (PLOVER does not code plain statements). Date: the ' +
      'statement reports the 11 Sept talks and is quoted in an article dated 13 Sept, but its own date is ' +
      'not given, hence MONTH precision. Place not stated.',
    participants: [
      {
        participant: MOD_JP,
        role: 'SPEAKER',
        citations: [cite(A2, 'the Japanese Defence Ministry said in a statement')],
      },
    ],
    basis: [
      infer(
        'startDate',
        '2021-09-01',
        A2,
        'the Japanese Defence Ministry said in a statement',
        'The statement reports the talks of 11 September and is quoted in an article dated 13 September 2021; its own date is not given, so only the month.',
      ).basis,
    ],
    citations: [
      cite(A2, Q.a2Memorandums),
      cite(A2, Q.a2FreedomOfNavigation),
      cite(A2, 'the Japanese Defence Ministry said in a statement', 'startDate', '2021-09-01'),
    ],
  },
  {
    key: E.consultations,
    kind: 'TALKS',
    title: 'Japan–Vietnam consultations on the transfer of specific defence equipment',
    summary:
      'Japan and Vietnam are discussing which specific equipment, possibly naval vessels, Japan will ' +
      'transfer; the ministers decided in September 2021 to intensify these consultations, and they were ' +
      'still going on in November 2021.',
    start: { date: '2021-09-01', precision: 'MONTH' },
    cameoCode: '046',
    ploverCategory: 'CONSULT',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 046 (Engage in negotiation); PLOVER CONSULT (no mode: the sources do not say how or where ' +
      'the talks are held), context military (defence equipment). Ongoing talks: the start is the first ' +
      'month the sources attest them (Sept 2021, when the ministers decided to "intensify" them, so they ' +
      'may be older); no end date, since A1 (24 Nov 2021) says details "are still being discussed".',
    participants: [
      {
        participant: 'japan',
        role: 'ATTENDEE',
        citations: [cite(A2, Q.a2Consultations), cite(A1, Q.a1Details)],
      },
      {
        participant: 'vietnam',
        role: 'ATTENDEE',
        citations: [cite(A2, Q.a2Consultations), cite(A1, Q.a1Details)],
      },
    ],
    basis: [
      infer(
        'startDate',
        '2021-09-01',
        A2,
        Q.a2Consultations,
        'The first month the sources attest the consultations: the ministers decided at the September 2021 talks to "intensify" them, so they may be older.',
      ).basis,
    ],
    citations: [
      cite(A2, Q.a2Consultations),
      cite(A1, Q.a1Details),
      cite(A2, Q.a2Consultations, 'startDate', '2021-09-01'),
    ],
  },

  // ----- November 2021: Chinh in Japan, Giang in Tokyo -----
  {
    key: E.invitation,
    kind: 'OTHER',
    title: 'Fumio Kishida invites Pham Minh Chinh to visit Japan',
    summary:
      'Japan’s prime minister Fumio Kishida invited Vietnam’s prime minister Pham Minh Chinh to Japan.',
    start: { date: '2021-11-22', precision: 'ON_OR_BEFORE' },
    cameoCode: '036',
    ploverCategory: 'AGREE',
    ploverContexts: ['diplomatic'],
    codingNote:
      'CAMEO 036 (Express intent to meet or negotiate): an invitation to visit; PLOVER AGREE, context ' +
      'diplomatic. Date: A1 gives none; the visit that began on 22 Nov 2021 was made at the invitation, ' +
      'so it came on or before that day: ON_OR_BEFORE 2021-11-22. (That Kishida became prime minister ' +
      'on 4 Oct 2021 does not date it: the article names his office now, not when he invited.)',
    participants: [
      {
        participant: KISHIDA,
        role: 'ORGANISER',
        citations: [cite(A1, 'at the invitation of Japan’s Prime Minister Fumio Kishida')],
      },
      { participant: CHINH, role: 'GUEST', citations: [cite(A1, Q.a1Tokyo)] },
    ],
    basis: [
      infer(
        'startDate',
        '2021-11-22',
        A1,
        Q.a1Tokyo,
        'Undated: Chinh arrived on 22 November 2021 (the day before the Nov. 23 meeting) "at the invitation" ' +
          'of Kishida, so the invitation came on or before that day; the source does not say when.',
      ).basis,
    ],
    citations: [cite(A1, Q.a1Tokyo), cite(A1, Q.a1Tokyo, 'startDate', '2021-11-22')],
  },
  {
    key: E.chinhVisit,
    kind: 'VISIT',
    title: 'Pham Minh Chinh’s four-day visit to Japan',
    summary:
      'Vietnam’s prime minister Pham Minh Chinh and his entourage arrived in Japan on 22 November 2021 for a ' +
      'four-day visit at Fumio Kishida’s invitation.',
    start: { date: '2021-11-22', precision: 'DAY' },
    end: { date: '2021-11-25', precision: 'DAY' },
    placeCountry: 'japan',
    cameoCode: '042',
    ploverCategory: 'CONSULT',
    ploverMode: 'visit',
    ploverContexts: ['diplomatic'],
    codingNote:
      'CAMEO 042 (Make a visit) with Chinh as source actor, Kishida and Japan as hosts; PLOVER CONSULT, ' +
      'mode visit, context diplomatic (a prime minister’s visit). Dates: arrival "a day after" Chinh ' +
      'arrived = the day before the 23 Nov meeting = 22 Nov 2021; end derived from "four-day visit" ' +
      '(22–25 Nov), not stated as such. Place: A1 implies Tokyo but says only that the defence meeting ' +
      'was there, so the country is recorded.',
    participants: [
      { participant: CHINH, role: 'VISITOR', citations: [cite(A1, Q.a1Tokyo)] },
      { participant: KISHIDA, role: 'HOST', citations: [cite(A1, Q.a1Tokyo)] },
      { participant: 'japan', role: 'HOST', citations: [cite(A1, Q.a1Tokyo)] },
    ],
    basis: [
      {
        field: 'startDate',
        basis: 'INFERRED',
        note: 'Arrival: "a day after" Chinh arrived the meeting took place, and the meeting was on Nov. 23: so 22 November 2021.',
      },
      infer(
        'endDate',
        '2021-11-25',
        A1,
        Q.a1Tokyo,
        'end = start + 3 days: "a four-day visit" from 22 November 2021.',
      ).basis,
      infer(
        'placeCountry',
        'japan',
        A1,
        Q.a1Tokyo,
        'He came "at the invitation of Japan’s Prime Minister" and the meeting held a day after his arrival was in Tokyo; the source does not say where he stayed.',
      ).basis,
    ],
    citations: [
      cite(A1, Q.a1Tokyo, 'startDate', '2021-11-22'),
      cite(A1, Q.a1Tokyo, 'endDate', '2021-11-25'),
      cite(A1, Q.a1Tokyo, 'placeCountry', 'japan'),
    ],
  },
  {
    key: E.novMeeting,
    kind: 'MEETING',
    title: 'Japan–Vietnam defence ministers’ meeting (Kishi–Giang), Tokyo, November 2021',
    summary:
      'Kishi and Phan Van Giang met in Tokyo, agreed to oppose unilateral attempts to change the status quo ' +
      'in regional waters by coercion, and reconfirmed the importance of international law and freedom of ' +
      'navigation and overflight.',
    start: { date: '2021-11-23', precision: 'DAY' },
    placeName: 'Tokyo',
    placeCountry: 'japan',
    cameoCode: '040',
    ploverCategory: 'CONSULT',
    ploverMode: 'visit',
    ploverContexts: ['military'],
    codingNote:
      'CAMEO 040 (Consult) for bilateral ministerial talks; PLOVER CONSULT, mode visit (Giang visiting), ' +
      'context military. Roles: Kishi hosts (the meeting was in Tokyo), Giang visits. China is the ' +
      'unnamed subject ("seemingly referring to China’s assertive activities"). The memorandums signed ' +
      'that day are a separate SIGNING event.',
    participants: [
      {
        participant: KISHI,
        role: 'HOST',
        citations: [cite(A1, Q.a1Meeting), cite(A1, 'The meeting took place in Tokyo')],
      },
      {
        participant: GIANG,
        role: 'VISITOR',
        citations: [cite(A1, Q.a1Meeting), cite(A1, 'The meeting took place in Tokyo')],
      },
      {
        participant: 'china',
        role: 'SUBJECT',
        citations: [
          cite(A1, 'seemingly referring to China’s assertive activities in the East and South China Seas'),
        ],
      },
    ],
    basis: [{ field: 'placeCountry', basis: 'OUTSIDE_KNOWLEDGE', note: 'Tokyo is the capital of Japan.' }],
    citations: [
      cite(A1, Q.a1Meeting, 'startDate', '2021-11-23'),
      cite(A1, 'The meeting took place in Tokyo', 'placeName', 'Tokyo'),
      cite(A1, Q.a1Oppose),
      cite(A1, Q.a1InternationalLaw),
    ],
  },
  {
    key: E.novSigning,
    kind: 'SIGNING',
    title:
      'Signing of the Japan–Vietnam cybersecurity and military-medicine agreements (as the November article tells it)',
    summary:
      'According to the November article, Japan and Vietnam signed two agreements, on cybersecurity and on ' +
      'military medicine, under which Japan will do more to help Vietnam deal with cyberattacks and ' +
      'medical issues.',
    start: { date: '2021-11-23', precision: 'DAY' },
    placeName: 'Tokyo',
    placeCountry: 'japan',
    cameoCode: '057',
    ploverCategory: 'SUPPORT',
    ploverContexts: ['cyber', 'military'],
    codingNote:
      'CAMEO 057 (Sign formal agreement); PLOVER SUPPORT (signing an agreement; see the September ' +
      'signing), contexts cyber and military (cybersecurity and military medicine). Date: A1’s "Tuesday’s ' +
      'agreement" = Tue 23 Nov 2021, the day of the Tokyo meeting it reports; place Tokyo by the same ' +
      'context. A2 instead places the signing of these memorandums at the 11 Sept 2021 talks — the ' +
      'conflict is kept as cited claims on the two memorandums.',
    participants: [
      {
        participant: 'japan',
        role: 'SIGNATORY',
        citations: [cite(A1, 'The countries signed two agreements on cybersecurity and military medicine')],
      },
      {
        participant: 'vietnam',
        role: 'SIGNATORY',
        citations: [cite(A1, 'The countries signed two agreements on cybersecurity and military medicine')],
      },
    ],
    basis: [
      { field: 'startDate', basis: 'INFERRED', note: TUESDAY_NOTE },
      infer(
        'placeName',
        'Tokyo',
        A1,
        'The meeting took place in Tokyo',
        'The signing is reported as the outcome of the Tokyo meeting of the same day; the source does not say where the agreements were signed.',
      ).basis,
      { field: 'placeCountry', basis: 'OUTSIDE_KNOWLEDGE', note: 'Tokyo is the capital of Japan.' },
    ],
    citations: [
      cite(A1, Q.a1Signed),
      cite(A1, Q.a1TwoMonths, 'startDate', '2021-11-23'),
      cite(A1, 'The meeting took place in Tokyo', 'placeName', 'Tokyo'),
    ],
  },
  {
    key: E.novPress,
    kind: 'PRESS_REMARKS',
    title: 'Kishi’s remarks to the media after the Tokyo meeting',
    summary:
      'After meeting Giang, Kishi told reporters that the cyberspace agreement answered a “strong sense of ' +
      'urgency” about activities challenging the international order in the Indo-Pacific, and that the talks ' +
      'had taken defence cooperation to a new level.',
    start: { date: '2021-11-23', precision: 'DAY' },
    placeName: 'Tokyo',
    placeCountry: 'japan',
    cameoCode: '030',
    ploverCategory: 'AGREE',
    ploverContexts: ['military', 'cyber'],
    codingNote:
      'CAMEO 030 (Express intent to cooperate): Kishi announces that both countries will "more actively ' +
      'contribute" together; PLOVER AGREE, contexts military and cyber (the cyberspace agreement). Date ' +
      'and place: "after the meeting" of 23 Nov in Tokyo; A1 gives neither explicitly for the remarks, so ' +
      'both are inferred from that context.',
    participants: [
      {
        participant: KISHI,
        role: 'SPEAKER',
        citations: [cite(A1, 'Kishi told media after the meeting'), cite(A1, 'Kishi told reporters')],
      },
      {
        participant: 'china',
        role: 'SUBJECT',
        citations: [cite(A1, 'indicating China without identifying any country by name')],
      },
    ],
    basis: [
      infer(
        'startDate',
        '2021-11-23',
        A1,
        'Kishi told media after the meeting',
        'Said "after the meeting", which was on Nov. 23 (the source does not date the remarks themselves).',
      ).basis,
      infer(
        'placeName',
        'Tokyo',
        A1,
        'Kishi told media after the meeting',
        'Said "after the meeting", which took place in Tokyo; the source does not say where he spoke.',
      ).basis,
      { field: 'placeCountry', basis: 'OUTSIDE_KNOWLEDGE', note: 'Tokyo is the capital of Japan.' },
    ],
    citations: [
      cite(A1, Q.a1Kyodo),
      cite(A1, Q.a1Urgency),
      cite(A1, Q.a1NewLevel),
      cite(A1, 'Kishi told media after the meeting', 'startDate', '2021-11-23'),
      cite(A1, 'Kishi told media after the meeting', 'placeName', 'Tokyo'),
    ],
  },

  // ----- Japan's wider cyber-defence activity (A1) -----
  {
    key: E.natoExercise,
    kind: 'EXERCISE',
    title: 'Japan takes part in a NATO cyberspace exercise',
    summary: 'Japan took part in a cyberspace exercise run by NATO in April 2021.',
    start: { date: '2021-04-01', precision: 'MONTH' },
    cameoCode: '062',
    ploverCategory: 'COOPERATE',
    ploverContexts: ['military', 'cyber'],
    codingNote:
      'CAMEO 062 (Cooperate militarily: a joint exercise); PLOVER COOPERATE (joint military exercises are ' +
      'COOPERATE), contexts military and cyber. Date: "in April" in an article of Nov 2021 = April 2021, ' +
      'MONTH precision. The exercise is not named and no place is given.',
    participants: [
      {
        participant: 'japan',
        role: 'ATTENDEE',
        citations: [cite(A1, 'participated in a NATO cyberspace exercise in April')],
      },
      { participant: NATO, role: 'ORGANISER', citations: [cite(A1, 'a NATO cyberspace exercise in April')] },
    ],
    basis: [
      infer(
        'startDate',
        '2021-04-01',
        A1,
        'participated in a NATO cyberspace exercise in April',
        '"in April" in an article dated 24 November 2021: April 2021.',
      ).basis,
    ],
    citations: [
      cite(A1, Q.a1Cyber),
      cite(A1, 'participated in a NATO cyberspace exercise in April', 'startDate', '2021-04-01'),
    ],
  },
  ...(
    [
      [E.cyberTalksVietnam, 'vietnam', 'Vietnam'],
      [E.cyberTalksSingapore, 'singapore', 'Singapore'],
      [E.cyberTalksIndonesia, 'indonesia', 'Indonesia'],
    ] as const
  ).map(([key, partner, name]): SeedEvent => ({
    key,
    kind: 'TALKS',
    title: `Japan–${name} cybersecurity talks`,
    summary: `Japan has held cybersecurity talks with ${name}.`,
    start: { date: '2021-11-24', precision: 'ON_OR_BEFORE' },
    cameoCode: '040',
    ploverCategory: 'CONSULT',
    ploverContexts: ['cyber'],
    codingNote:
      'CAMEO 040 (Consult); PLOVER CONSULT (no mode: A1 says nothing of how the talks were held), context ' +
      'cyber. One event per partner: A1 lists talks with Vietnam, Singapore and Indonesia, which are ' +
      'separate bilateral happenings. Date: A1 says only that Japan "has also held" them, so they took ' +
      'place on or before its publication (24 Nov 2021), how long before it does not say: ON_OR_BEFORE ' +
      '2021-11-24, no earliest date. Place not stated.',
    participants: [
      { participant: 'japan', role: 'ATTENDEE', citations: [cite(A1, Q.a1CyberTalks)] },
      { participant: partner, role: 'ATTENDEE', citations: [cite(A1, Q.a1CyberTalks)] },
    ],
    basis: [
      infer(
        'startDate',
        '2021-11-24',
        A1,
        Q.a1CyberTalks,
        'Undated: the article of 24 November 2021 says only that Japan "has also held" the talks, so they ' +
          'took place on or before that day; it does not say when.',
      ).basis,
    ],
    citations: [cite(A1, Q.a1CyberTalks), cite(A1, Q.a1CyberTalks, 'startDate', '2021-11-24')],
  })),
  // "Japan has in recent years stepped up cyberdefense cooperation with the United States, Australia, and
  // other partners" is a trend the article states, not a happening: it is no event (an event would need a
  // date and attendance the article does not give). The NATO exercise it goes on to name is one.
];

// ---------------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------------

// THE CONFLICT: A1 says the cybersecurity and military-medicine agreements were signed on Tuesday 23 Nov
// 2021 (at the Tokyo meeting); A2, reporting the Japanese Defence Ministry's statement, places the signing
// of these memorandums at the 11 Sept 2021 ministers' talks. (A2's wording, "agreed to enhance bilateral
// relations by signing memorandums", could also be read as an agreement to sign later.) The rows below use
// A1's explicit date and the Tokyo signing event; both sources' versions are kept as cited claims
// (claimField 'signedDate' and 'signingEvent').
const memorandumClaims = (): SeedCitation[] => [
  cite(A1, Q.a1TwoMonths, 'signedDate', '2021-11-23'),
  cite(
    A1,
    'The countries signed two agreements on cybersecurity and military medicine',
    'signingEvent',
    E.novSigning,
  ),
  cite(A2, Q.a2Memorandums, 'signedDate', '2021-09-11'),
  cite(A2, Q.a2Memorandums, 'signingEvent', E.septMeeting),
];
/** How the log knows each side of the memorandums' dates (the held values are A1's). */
const memorandumBases = (): SeedBasis[] => [
  { field: 'signedDate', basis: 'INFERRED', note: TUESDAY_NOTE },
  {
    field: 'signedDate',
    value: '2021-09-11',
    basis: 'INFERRED',
    note:
      'The September article’s sentence gives no date: it reports the Defence Ministry’s statement on the ' +
      'ministers’ talks of 11 September ("they agreed to enhance bilateral relations by signing memorandums"), ' +
      'which may also mean an agreement to sign later.',
  },
  {
    field: 'signingEvent',
    value: E.septMeeting,
    basis: 'INFERRED',
    note: 'The statement reports the memorandums among the outcomes of the 11 September talks.',
  },
  {
    field: 'signingEvent',
    basis: 'INFERRED',
    note: 'The signing is reported with the Tokyo meeting of 23 November (see signedDate).',
  },
];
const memorandumParties = () => [
  {
    participant: 'japan',
    citations: [cite(A1, Q.a1Signed), cite(A2, 'the defence authorities of Japan and Vietnam')],
  },
  {
    participant: 'vietnam',
    citations: [cite(A1, Q.a1Signed), cite(A2, 'the defence authorities of Japan and Vietnam')],
  },
  {
    participant: MOD_JP,
    citations: [cite(A2, 'cooperation between the defence authorities of Japan and Vietnam')],
  },
  {
    participant: MND_VN,
    citations: [cite(A2, 'cooperation between the defence authorities of Japan and Vietnam')],
  },
];
const similarAgreement = (partner: string, name: string): SeedAgreement => ({
  key: `japan-${partner}-defence-equipment-technology-transfer-agreement`,
  title: `Japan–${name} defence equipment and technology transfer agreement`,
  kind: 'AGREEMENT',
  subjects: ['DEFENCE_EQUIPMENT_TRANSFER'],
  status: 'SIGNED',
  summary:
    'One of the "similar agreements" on defence equipment and technology transfer that Japan has signed ' +
    '(as of November 2021); no date is given.',
  parties: [
    { participant: 'japan', citations: [cite(A1, Q.a1Similar)] },
    { participant: partner, citations: [cite(A1, Q.a1Similar)] },
  ],
  citations: [cite(A1, Q.a1Similar), cite(A1, Q.a1Eleventh)],
});

const agreements: SeedAgreement[] = [
  {
    key: 'japan-vietnam-defence-equipment-technology-transfer-agreement',
    title: 'Japan–Vietnam defence equipment and technology transfer agreement',
    kind: 'AGREEMENT',
    subjects: ['DEFENCE_EQUIPMENT_TRANSFER'],
    status: 'SIGNED',
    signed: { date: '2021-09-11', precision: 'DAY' },
    signingEvent: E.septSigning,
    summary:
      'Allows Japan to export defence equipment and technology to Vietnam, the 11th country with which Japan ' +
      'has such a deal. Details of the transfer of specific equipment, possibly naval vessels, were still ' +
      'being discussed in November 2021.',
    basis: [
      {
        field: 'signedDate',
        basis: 'INFERRED',
        note: '"Later in the day" in the September article’s "On Saturday" paragraph: ' + SATURDAY_NOTE,
      },
    ],
    parties: [
      { participant: 'japan', citations: [cite(A2, Q.a2Pact), cite(A1, Q.a1TwoMonths)] },
      { participant: 'vietnam', citations: [cite(A2, Q.a2Pact), cite(A1, Q.a1Eleventh)] },
    ],
    citations: [
      cite(A2, Q.a2Pact, 'signedDate', '2021-09-11'),
      cite(A2, Q.a2Pact, 'signingEvent', E.septSigning),
      cite(A1, Q.a1TwoMonths),
      cite(A1, Q.a1Details),
      cite(A1, Q.a1Eleventh),
    ],
  },
  {
    key: 'japan-vietnam-cybersecurity-memorandum',
    title: 'Japan–Vietnam memorandum on defence cooperation in cybersecurity',
    kind: 'MEMORANDUM',
    subjects: ['CYBERSECURITY'],
    status: 'SIGNED',
    // A1's date and event; A2 places the signing at the 11 Sept 2021 talks (kept as claims below).
    signed: { date: '2021-11-23', precision: 'DAY' },
    signingEvent: E.novSigning,
    summary:
      'Facilitates cooperation between the defence authorities of Japan and Vietnam in cybersecurity; Japan ' +
      'will strengthen its support for Vietnam in dealing with cyberattacks. The sources disagree on when it ' +
      'was signed: on 23 Nov 2021 (the November article), or at the 11 Sept 2021 talks (the September article).',
    parties: memorandumParties(),
    basis: memorandumBases(),
    citations: [cite(A1, Q.a1Signed), cite(A1, Q.a1Urgency), ...memorandumClaims()],
  },
  {
    key: 'japan-vietnam-military-medicine-memorandum',
    title: 'Japan–Vietnam memorandum on defence cooperation in military medicine',
    kind: 'MEMORANDUM',
    subjects: ['MILITARY_MEDICINE'],
    status: 'SIGNED',
    // A1's date and event; A2 places the signing at the 11 Sept 2021 talks (kept as claims below).
    signed: { date: '2021-11-23', precision: 'DAY' },
    signingEvent: E.novSigning,
    summary:
      'Facilitates cooperation between the defence authorities of Japan and Vietnam in military medicine; ' +
      'Japan will strengthen its support for Vietnam on medical-related issues. The sources disagree on when ' +
      'it was signed: on 23 Nov 2021 (the November article), or at the 11 Sept 2021 talks (the September article).',
    parties: memorandumParties(),
    basis: memorandumBases(),
    citations: [cite(A1, Q.a1Signed), ...memorandumClaims()],
  },
  // "has signed similar agreements with Britain, Australia, the Philippines, and Indonesia" (A1). The
  // U.S. is mentioned only as Japan's "longtime ally", not as a party to such a deal, so it is not modelled.
  similarAgreement('united-kingdom', 'United Kingdom'),
  similarAgreement('australia', 'Australia'),
  similarAgreement('philippines', 'Philippines'),
  similarAgreement('indonesia', 'Indonesia'),
];

// ---------------------------------------------------------------------------------------------------
// Remarks
// ---------------------------------------------------------------------------------------------------

const SEPT_11 = { date: '2021-09-11', precision: 'DAY' } as const;
const SEPT_12 = { date: '2021-09-12', precision: 'DAY' } as const;
const NOV_23 = { date: '2021-11-23', precision: 'DAY' } as const;

const remarks: SeedRemark[] = [
  // ----- Sunday 12 Sept 2021, to reporters (A2) -----
  {
    key: 'kishi-japan-vietnam-should-work-together-2021-09-12',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content:
      'Japan and Vietnam should work together to address various regional security issues, including upsurge ' +
      'in Chinese incursions in the South China Sea',
    isDirectQuote: false,
    said: SEPT_12,
    audience: 'reporters',
    event: E.septPress,
    topics: ['JP', 'VN', 'CN', 'South China Sea'],
    citations: [cite(A2, Q.a2Sunday)],
  },
  {
    key: 'kishi-same-destiny-2021-09-12',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content: 'both the countries share the “same destiny”',
    isDirectQuote: false,
    said: SEPT_12,
    audience: 'reporters',
    event: E.septPress,
    topics: ['JP', 'VN'],
    citations: [cite(A2, Q.a2SameDestiny)],
  },
  {
    key: 'kishi-boost-defence-cooperation-rule-of-law-2021-09-12',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content: 'Kishi called for a boost in defence cooperation for regional stability based on rule of law',
    isDirectQuote: false,
    said: SEPT_12,
    audience: 'reporters',
    event: E.septPress,
    topics: ['JP', 'VN'],
    citations: [cite(A2, Q.a2SameDestiny)],
  },
  {
    // A2 attributes it with "Kishi added", right after the Sunday remarks to reporters.
    key: 'kishi-jsdf-vpa-cooperation-must-aim-higher-2021-09-12',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content: Q.a2LongQuote,
    isDirectQuote: true,
    said: SEPT_12,
    audience: 'reporters',
    event: E.septPress,
    topics: ['JP', 'VN', 'Indo-Pacific'],
    citations: [
      cite(A2, Q.a2LongQuote),
      cite(A2, 'our cooperation must aim for further heights," Kishi added.'),
    ],
  },

  // ----- Saturday 11 Sept 2021, the ministers' talks (A2, P3) -----
  {
    key: 'kishi-opposes-coercive-status-quo-change-2021-09-11',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content:
      'Japan’s strong opposition to “any unilateral attempts to change the status quo by coercion or any ' +
      'activities that escalate tensions"',
    isDirectQuote: false,
    said: SEPT_11,
    addressee: GIANG,
    event: E.septMeeting,
    topics: ['CN', 'East China Sea', 'South China Sea'],
    citations: [cite(A2, Q.a2Opposition), cite(A2, Q.a2China)],
  },
  {
    key: 'kishi-freedom-of-navigation-indo-pacific-2021-09-11',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content:
      'the two reaffirmed the importance of freedom of navigation and overflight in the Indo-Pacific region',
    isDirectQuote: false,
    said: SEPT_11,
    addressee: GIANG,
    event: E.septMeeting,
    topics: ['Indo-Pacific'],
    citations: [cite(A2, Q.a2Saturday), cite(A2, Q.a2FreedomOfNavigation)],
  },
  {
    key: 'giang-freedom-of-navigation-indo-pacific-2021-09-11',
    speaker: GIANG,
    speakerPosition: GIANG_TITLE,
    content:
      'the two reaffirmed the importance of freedom of navigation and overflight in the Indo-Pacific region',
    isDirectQuote: false,
    said: SEPT_11,
    addressee: KISHI,
    event: E.septMeeting,
    topics: ['Indo-Pacific'],
    citations: [cite(A2, Q.a2Saturday), cite(A2, Q.a2FreedomOfNavigation)],
  },
  {
    key: 'japan-mod-memorandums-signed-at-talks-2021-09',
    speaker: MOD_JP,
    content:
      'they agreed to enhance bilateral relations by signing memorandums to facilitate cooperation between the ' +
      'defence authorities of Japan and Vietnam in the fields of cybersecurity and military medicine',
    isDirectQuote: false,
    said: { date: '2021-09-01', precision: 'MONTH' },
    event: E.septStatement,
    topics: ['JP', 'VN'],
    citations: [cite(A2, Q.a2Memorandums)],
  },

  // ----- The @ModJapan_en posts -----
  {
    key: 'kishi-keynote-defence-cooperation-new-level-2021-09-12',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content:
      'the directions of Japan-Vietnam defence cooperation and exchanges, and contributions to #ASEAN, at the ' +
      '“New Level.”',
    isDirectQuote: false,
    said: { date: '2021-09-01', precision: 'MONTH' },
    event: E.keynote,
    topics: ['JP', 'VN', 'ASEAN'],
    citations: [cite(P_KEYNOTE, Q.p1Keynote)],
  },
  ...(
    [
      [KISHI, KISHI_TITLE, undefined, 'kishi'],
      [PHUC, PHUC_TITLE, KISHI, 'phuc'],
      [CHINH, CHINH_TITLE, KISHI, 'chinh'],
    ] as const
  ).map(([speaker, speakerPosition, addressee, name]): SeedRemark => ({
    key: `${name}-collaborate-for-peace-new-level-2021-09-11`,
    speaker,
    speakerPosition,
    content: Q.p2Confirmed,
    isDirectQuote: false,
    said: SEPT_11,
    ...(addressee ? { addressee } : {}),
    event: E.courtesyCalls,
    topics: ['JP', 'VN'],
    citations: [cite(P_COURTESY, Q.p2Confirmed), cite(A2, Q.a2CourtesyCalls)],
  })),

  // ----- November 2021 (A1) -----
  {
    key: 'kishi-cyber-agreement-strong-sense-of-urgency-2021-11-23',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content:
      'the cyberspace agreement aimed to address a “strong sense of urgency” over activities in the ' +
      'Indo-Pacific region that challenge the existing international order',
    isDirectQuote: false,
    said: NOV_23,
    audience: 'reporters',
    event: E.novPress,
    topics: ['Indo-Pacific', 'CN'],
    citations: [cite(A1, Q.a1Urgency)],
  },
  {
    key: 'kishi-defence-cooperation-to-new-level-2021-11-23',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content:
      'talks with Phan Van Giang, had taken “defense cooperation between the two countries to a new level”',
    isDirectQuote: false,
    said: NOV_23,
    audience: 'reporters',
    event: E.novPress,
    topics: ['JP', 'VN'],
    citations: [cite(A1, Q.a1NewLevel)],
  },
  {
    key: 'kishi-more-actively-contribute-to-peace-2021-11-23',
    speaker: KISHI,
    speakerPosition: KISHI_TITLE,
    content:
      'Japan and Vietnam agreed to more actively contribute to peace and stability in the region and the ' +
      'international community by utilizing each other’s strengths and resources',
    isDirectQuote: true,
    said: NOV_23,
    audience: 'media',
    event: E.novPress,
    topics: ['JP', 'VN'],
    // Quoted by A1 as reported by Kyodo News.
    citations: [cite(A1, Q.a1Kyodo)],
  },
  ...(
    [
      [KISHI, KISHI_TITLE, GIANG, 'kishi'],
      [GIANG, GIANG_TITLE, KISHI, 'giang'],
    ] as const
  ).flatMap(([speaker, speakerPosition, addressee, name]): SeedRemark[] => [
    {
      key: `${name}-oppose-status-quo-change-by-coercion-2021-11-23`,
      speaker,
      speakerPosition,
      content:
        'agreed to oppose any unilateral attempts to change the status quo “by coercion” in regional waters',
      isDirectQuote: false,
      said: NOV_23,
      addressee,
      event: E.novMeeting,
      topics: ['CN', 'East China Sea', 'South China Sea'],
      citations: [cite(A1, Q.a1Oppose)],
    },
    {
      key: `${name}-international-law-freedom-of-navigation-2021-11-23`,
      speaker,
      speakerPosition,
      content:
        'reconfirmed the importance of countries complying with international law, while respecting freedom ' +
        'of navigation and overflight',
      isDirectQuote: false,
      said: NOV_23,
      addressee,
      event: E.novMeeting,
      topics: ['East China Sea', 'South China Sea'],
      // Per the Japanese Defense Ministry's account of the meeting.
      citations: [cite(A1, Q.a1InternationalLaw)],
    },
  ]),
  {
    key: 'japan-mod-cyberattacks-part-of-china-threat',
    speaker: MOD_JP,
    content:
      'cyberattacks are part of rising security threats from China as it becomes more assertive in the region',
    isDirectQuote: false,
    said: { date: '2021-11-24', precision: 'ON_OR_BEFORE' },
    topics: ['CN'],
    basis: [
      infer(
        'saidDate',
        '2021-11-24',
        A1,
        Q.a1CyberThreat,
        'Undated: the article of 24 November 2021 reports that the ministry "said" it, so on or before that ' +
          'day; it does not say when.',
      ).basis,
    ],
    citations: [cite(A1, Q.a1CyberThreat), cite(A1, Q.a1CyberThreat, 'saidDate', '2021-11-24')],
  },
];

/**
 * When each remark was said, as inferred from the event it was said at (no source dates a remark
 * directly): the reasoning by event, with the remark's first citation pinning the date.
 */
const SAID_AT: Record<string, string> = {
  [E.septPress]: SUNDAY_NOTE,
  [E.septMeeting]:
    'Said at the ministers’ talks, which the post dates "On Sep 11" and the September article "On Saturday".',
  [E.courtesyCalls]:
    'Said at the courtesy calls, which the September article tells in its "On Saturday" paragraph: ' +
    SATURDAY_NOTE,
  [E.keynote]: 'Said in the keynote speech, whose day is not stated (the post is dated 12 September 2021).',
  [E.septStatement]: 'Said in the ministry’s statement on the September talks, whose own date is not given.',
  [E.novPress]: 'Said "after the meeting" of Nov. 23.',
  [E.novMeeting]: 'Agreed at the meeting of Nov. 23 the article reports.',
};
for (const r of remarks) {
  const note = r.event ? SAID_AT[r.event] : undefined;
  if (!r.said || !note || r.basis?.some((b) => b.field === 'saidDate')) continue;
  r.basis = [...(r.basis ?? []), { field: 'saidDate', basis: 'INFERRED', note }];
  r.citations = [...r.citations, { ...r.citations[0]!, claimField: 'saidDate', claimValue: r.said.date }];
}

export const dataset: SeedDataset = { sources, participants, events, agreements, remarks };
