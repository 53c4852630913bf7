//! Support phrases for server errors.
//!
//! When a request fails with a 5xx status, the response body carries a short *support phrase*
//! that the customer can quote and that support staff can search for in the logs, for example:
//!
//! ```text
//! 6 sad squid snuggle softly
//! ```
//!
//! # Shape
//!
//! A phrase is five parts separated by single spaces: a number from 1 to 99, an adjective, a
//! plural noun, a verb in its plain present form (so that it agrees with the plural noun) and an
//! adverb. Every word is lowercase ASCII (`a`–`z`), so a phrase survives being read out over the
//! phone, typed into a search box or pasted into a ticket.
//!
//! # Combinations and collisions
//!
//! The lists hold 1024 adjectives, 1024 nouns, 1024 verbs and 512 adverbs, so there are
//! 99 × 1024³ × 512 = 54,425,825,574,912 ≈ 5.4 × 10¹³ different phrases
//! ([`COMBINATIONS`]). By the birthday bound n² / 2N, among a million phrases the chance
//! that any two are equal is about 0.9 % (roughly 1 %); among ten thousand it is about one in a
//! million. A phrase is therefore a practical key for one incident, not a guaranteed unique id.
//!
//! # Randomness
//!
//! Each phrase is drawn from a fresh UUID v4 ([`uuid::Uuid::new_v4`]). With `uuid`'s `fast-rng`
//! feature its bits come from `rand`'s thread-local CSPRNG (ChaCha, seeded and periodically
//! reseeded from the operating system), so phrases are unpredictable and need no locking.
//!
//! A v4 UUID has 122 random bits: in [`uuid::Uuid::as_u128`] (bit 0 the least significant) bits
//! 76..=79 hold the version (`0100`) and bits 62..=63 the variant (`10`). The phrase takes its
//! parts only from random bits:
//!
//! ```text
//! bits 0..=31     number     32 bits, reduced to 1..=99
//! bits 80..=89    adjective  10 bits, index into 1024 words
//! bits 90..=99    noun       10 bits, index into 1024 words
//! bits 100..=109  verb       10 bits, index into 1024 words
//! bits 110..=118  adverb      9 bits, index into 512 words
//! ```
//!
//! Because every list length is a power of two, masking the bits gives each word exactly the same
//! probability. The layout is checked at compile time: the fields do not overlap each other or
//! the fixed version and variant bits.

use std::borrow::Cow;

/// Adjectives: the second part of a phrase.
///
/// Rules for every word list: lowercase ASCII letters only, no duplicates, alphabetical order,
/// and nothing that could upset a customer who reads it in an error message (nothing offensive,
/// violent, medical, sexual, political or sad beyond whimsy). The length must stay a power of two
/// so that picking a word from random bits is unbiased; the tests check all of this.
#[rustfmt::skip]
const ADJECTIVES: [&str; 1024] = [
    "absurd", "abundant", "acoustic", "acrobatic", "active", "adept", "admirable", "adorable",
    "adroit", "adventurous", "aerial", "affectionate", "agile", "aglow", "airborne", "airy",
    "alert", "alive", "alpine", "amazed", "amazing", "amber", "ambitious", "amiable", "ample",
    "amused", "amusing", "ancient", "angelic", "animated", "antique", "apricot", "aquamarine",
    "aquatic", "arboreal", "arctic", "ardent", "argyle", "aromatic", "artful", "artistic",
    "astonished", "astonishing", "astral", "astute", "athletic", "attentive", "audacious",
    "auspicious", "autumnal", "avid", "awake", "aware", "awed", "awesome", "azure", "babbling",
    "baffled", "balmy", "banded", "barefoot", "baroque", "bashful", "beady", "beaming", "bearded",
    "befuddled", "beloved", "bemused", "bendy", "benevolent", "benign", "bespectacled",
    "bewildered", "bewitching", "big", "bitty", "blinking", "blissful", "blithe", "blooming",
    "blue", "blushing", "blustery", "boisterous", "bold", "bonny", "bookish", "booming", "bouncy",
    "boundless", "bountiful", "brainy", "brassy", "brave", "breezy", "bright", "brilliant", "brisk",
    "bristly", "bronze", "bubbly", "bucolic", "budding", "bumbling", "bumpy", "buoyant", "bustling",
    "busy", "buttery", "buzzing", "cackling", "calico", "calm", "candid", "candied", "canny",
    "caped", "caramel", "carefree", "careful", "caring", "cascading", "casual", "cautious",
    "celestial", "ceramic", "cerebral", "cerulean", "champion", "charming", "chattering", "chatty",
    "checkered", "cheeky", "cheerful", "cheery", "cheesy", "cherubic", "chic", "chilly", "chiming",
    "chipper", "chirpy", "chivalrous", "choral", "chummy", "chunky", "cinematic", "cinnamon",
    "citrus", "clanging", "classic", "classy", "clattering", "clean", "clear", "clever",
    "clockwork", "cloudless", "cloudy", "clumsy", "coastal", "cobalt", "coiled", "colorful",
    "colossal", "comfortable", "comfy", "comical", "compact", "composed", "confident", "cool",
    "cooperative", "copper", "coral", "cornflower", "cosmic", "courageous", "courtly", "coy",
    "cozy", "crabby", "crackling", "crafty", "cranky", "creaky", "creamy", "creative", "crested",
    "crimson", "crinkled", "crisp", "crispy", "crooning", "crowned", "crumbly", "crunchy",
    "crystal", "crystalline", "cuddly", "cultured", "curious", "curly", "cushy", "cute", "dainty",
    "dallying", "dancing", "dandy", "dapper", "dappled", "daring", "darling", "dashing",
    "dauntless", "dawdling", "dazzling", "debonair", "decisive", "deft", "delicate", "delicious",
    "delightful", "deluxe", "demure", "dewy", "diamond", "digital", "dignified", "dimpled", "dizzy",
    "dotted", "dozing", "dreamy", "drizzly", "droll", "drowsy", "drumming", "dulcet", "dusky",
    "dusty", "dynamic", "eager", "early", "earnest", "earthy", "easygoing", "ebullient",
    "eccentric", "echoing", "eclectic", "ecstatic", "effervescent", "effortless", "elaborate",
    "elastic", "elated", "electric", "elegant", "elevated", "elfin", "eloquent", "elusive",
    "emerald", "enchanted", "enchanting", "endearing", "endless", "energetic", "engaging",
    "enormous", "entertaining", "enthusiastic", "epic", "ethereal", "evergreen", "excellent",
    "excited", "expert", "exquisite", "exuberant", "fabulous", "fair", "faithful", "famous",
    "fanciful", "fancy", "fantastic", "faraway", "fascinated", "fashionable", "favorite",
    "fearless", "feathery", "feisty", "fervent", "festive", "fetching", "fiddly", "fierce", "fiery",
    "finicky", "fizzy", "flaky", "flamboyant", "flashy", "flawless", "flaxen", "fleecy", "fleet",
    "flickering", "floppy", "floral", "flowery", "fluffy", "fluttering", "flying", "foggy",
    "folksy", "fond", "forgetful", "formidable", "forthright", "fortunate", "fragrant", "freckled",
    "free", "fresh", "freshwater", "friendly", "frilly", "frolicking", "frolicsome", "frosted",
    "frosty", "frothy", "frozen", "frugal", "fun", "funky", "funny", "furry", "fussy", "futuristic",
    "fuzzy", "gabby", "galactic", "gallant", "galloping", "gargantuan", "gauzy", "gazing",
    "generous", "genial", "gentle", "genuine", "ghostly", "giant", "giddy", "gifted", "gigantic",
    "giggly", "gilded", "gingerbread", "gingery", "gingham", "glacial", "glad", "glamorous",
    "glassy", "glazed", "gleaming", "gleeful", "glistening", "glittering", "glittery", "glorious",
    "glossy", "glowing", "glum", "gnarled", "golden", "good", "gooey", "goofy", "gorgeous",
    "gossamer", "graceful", "gracious", "grainy", "grand", "grassy", "grateful", "gravelly",
    "great", "green", "gregarious", "grinning", "gritty", "groovy", "grouchy", "grumpy", "gummy",
    "gusty", "gutsy", "hammy", "handcrafted", "handmade", "handsome", "happy", "hardy",
    "harmonious", "hasty", "hazy", "heartwarming", "hearty", "helpful", "heroic", "hidden",
    "hilarious", "hilltop", "hilly", "holiday", "homemade", "homespun", "honest", "honey",
    "honeyed", "hooting", "hopeful", "hopping", "hospitable", "howling", "huge", "huggable",
    "humble", "humming", "humorous", "hungry", "hushed", "hypnotic", "icy", "idealistic", "idyllic",
    "illustrated", "imaginative", "immaculate", "immense", "impatient", "impeccable", "impish",
    "impressive", "indigo", "indoor", "ingenious", "inky", "inquisitive", "insightful", "inspired",
    "intrepid", "intuitive", "inventive", "invincible", "invisible", "irresistible", "ivory",
    "jade", "jagged", "jammy", "jaunty", "jazzy", "jeweled", "jiggly", "jingling", "jittery",
    "jogging", "jolly", "jostling", "jovial", "joyful", "joyous", "jubilant", "juggling", "jumbled",
    "jumbo", "jumpy", "jungly", "keen", "kind", "kindhearted", "kindly", "kingly", "knightly",
    "knitted", "knowing", "kooky", "lakeside", "lanky", "large", "laughing", "lavender", "lavish",
    "leafy", "leathery", "legendary", "leisurely", "lemon", "lighthearted", "lilac", "lilting",
    "limber", "lime", "lingering", "lionhearted", "lithe", "little", "lively", "lofty", "lordly",
    "loud", "lovable", "lovely", "loving", "loyal", "lucky", "lukewarm", "lumbering", "luminous",
    "lunar", "lush", "luxurious", "lyrical", "magical", "magnetic", "magnificent", "mahogany",
    "majestic", "mammoth", "marbled", "marching", "marine", "marshy", "marvelous", "massive",
    "matching", "meandering", "medieval", "meek", "mellow", "melodic", "melodious", "merry",
    "metallic", "mighty", "migrating", "mild", "milky", "mindful", "mini", "miniature", "mint",
    "mirrored", "mirthful", "mischievous", "misty", "modern", "modest", "moody", "moonlit", "mossy",
    "mottled", "mountain", "mousy", "muddy", "muffled", "multicolored", "mumbling", "munching",
    "musical", "musing", "mysterious", "mystical", "natural", "nautical", "neat", "neon", "new",
    "nice", "nifty", "nimble", "noble", "nocturnal", "noisy", "nomadic", "nostalgic", "nosy",
    "novel", "nubby", "nutty", "oaken", "oceanic", "odd", "offbeat", "olive", "opal", "openhearted",
    "operatic", "optimistic", "opulent", "orange", "orbiting", "orchid", "orderly", "organic",
    "original", "ornate", "outdoor", "outgoing", "outstanding", "oval", "overjoyed", "oversized",
    "painted", "paisley", "papery", "parading", "pastel", "patchwork", "patient", "patterned",
    "peaceful", "peach", "pearlescent", "pearly", "pebbled", "pebbly", "peckish", "peculiar",
    "pensive", "peppermint", "peppery", "peppy", "perfect", "periwinkle", "perplexed", "petite",
    "pewter", "phenomenal", "philosophical", "photogenic", "picky", "pillowy", "pink", "pinstriped",
    "pistachio", "pixelated", "placid", "plaid", "planetary", "playful", "pleasant", "plentiful",
    "plucky", "plum", "plumed", "plush", "poetic", "pointy", "poised", "polar", "polished",
    "polite", "popular", "porcelain", "posh", "positive", "powdery", "powerful", "prancing",
    "precious", "prehistoric", "pretty", "prickly", "prim", "pristine", "prosperous", "proud",
    "puffy", "punchy", "pure", "purple", "purring", "puzzled", "quacking", "quaint", "quick",
    "quiet", "quilted", "quirky", "quizzical", "racing", "radiant", "rainbow", "rainy", "rambling",
    "rambunctious", "rapid", "rare", "rascally", "raspy", "regal", "relaxed", "remarkable",
    "resilient", "resourceful", "restful", "restless", "retro", "rhythmic", "rich", "ringing",
    "ripe", "rippling", "ritzy", "riverside", "roaring", "robust", "rocking", "rocky", "rollicking",
    "rolling", "roomy", "rosy", "round", "rounded", "rousing", "rowdy", "royal", "rubbery", "ruby",
    "ruffled", "rugged", "rumpled", "rural", "rustic", "rusty", "sad", "saffron", "sage", "sailing",
    "salty", "sandy", "sapphire", "sassy", "satiny", "savory", "savvy", "scaly", "scampering",
    "scarlet", "scenic", "scrappy", "scruffy", "scrumptious", "seafaring", "seaside", "seasonal",
    "secret", "serene", "shaggy", "sheepish", "shimmery", "shiny", "shrewd", "shy", "silent",
    "silky", "silly", "silver", "silvery", "simple", "sincere", "singing", "skilled", "skillful",
    "skipping", "sleek", "sleepy", "slick", "slow", "slushy", "sly", "small", "smart", "smiling",
    "smooth", "snappy", "snazzy", "snoring", "snowcapped", "snowy", "snug", "snuggly", "soapy",
    "soaring", "sociable", "soft", "solar", "solid", "sonic", "sophisticated", "spangled",
    "sparkling", "sparkly", "sparky", "speckled", "spectacular", "speedy", "spellbound", "spiffy",
    "spiky", "spindly", "spiny", "spiral", "spirited", "splendid", "spongy", "spontaneous",
    "sporty", "spotless", "spotted", "sprightly", "springy", "spry", "square", "squashy", "squeaky",
    "squiggly", "squishy", "stalwart", "starlit", "starry", "startled", "stately", "steadfast",
    "steady", "steely", "stellar", "sticky", "stormy", "stout", "stretchy", "striking", "striped",
    "strong", "strutting", "studious", "stunning", "stupendous", "sturdy", "stylish", "suave",
    "sublime", "sugared", "sugary", "sulky", "summery", "sunlit", "sunny", "superb", "supple",
    "surprised", "swaggering", "swampy", "swanky", "sweeping", "sweet", "swift", "swimming",
    "syrupy", "talented", "talkative", "tall", "tangerine", "tangled", "tangy", "tapping",
    "tasteful", "tasty", "tawny", "teal", "teeming", "teensy", "teeny", "telescopic", "tenacious",
    "tender", "terrific", "thankful", "thoughtful", "thrifty", "thrilled", "thriving", "thunderous",
    "ticklish", "tidal", "tidy", "timeless", "timid", "tiny", "tiptoeing", "tireless", "toasty",
    "toffee", "toothy", "topaz", "touring", "towering", "tranquil", "traveling", "tremendous",
    "trendy", "tricky", "trilling", "trim", "triumphant", "tropical", "trustworthy", "trusty",
    "truthful", "tufted", "tuneful", "turbo", "turquoise", "tweedy", "twilight", "twinkly",
    "twisty", "unbeatable", "uncommon", "unflappable", "unhurried", "unique", "unruffled",
    "unusual", "upbeat", "uproarious", "valiant", "vast", "velvet", "velveteen", "velvety",
    "verdant", "vermilion", "vernal", "versatile", "vibrant", "victorious", "vigilant", "vigorous",
    "vintage", "violet", "virtuous", "vivacious", "vivid", "vocal", "voyaging", "wacky",
    "wandering", "warbling", "warm", "warmhearted", "wary", "wavy", "waxy", "welcoming",
    "whimsical", "whiskered", "whispering", "whistling", "whizzing", "wholesome", "wiggly", "wild",
    "wily", "windswept", "windy", "winged", "winsome", "wintry", "wiry", "wise", "wispy", "wistful",
    "witty", "wobbly", "wonderful", "wonderstruck", "wondrous", "wonky", "wooden", "woodland",
    "woolen", "woolly", "worthy", "woven", "wriggly", "wrinkly", "yappy", "yawning", "yodeling",
    "young", "youthful", "yummy", "zany", "zappy", "zealous", "zestful", "zesty", "zigzag", "zingy",
    "zippy",
];

/// Plural nouns: the third part of a phrase; see [`ADJECTIVES`] for the rules.
#[rustfmt::skip]
const NOUNS: [&str; 1024] = [
    "aardvarks", "accordions", "acorns", "airplanes", "albatrosses", "alligators", "almonds",
    "alpacas", "amethysts", "anchors", "anchovies", "anemones", "angelfish", "anoraks", "anteaters",
    "antelopes", "ants", "apples", "apricots", "aprons", "aquariums", "armadillos", "armchairs",
    "artichokes", "astronauts", "atlases", "avocados", "axolotls", "baboons", "backpacks",
    "badgers", "badges", "bagels", "bagpipes", "baguettes", "balloons", "bananas", "bandanas",
    "bangles", "banjos", "banners", "barges", "barnacles", "barns", "barracudas", "barrels",
    "baskets", "bassets", "bassoons", "bathrobes", "bathtubs", "bats", "beads", "beagles",
    "beakers", "beanbags", "beanies", "beans", "bears", "bees", "beetles", "beets", "bellows",
    "bells", "belugas", "benches", "berets", "bicycles", "binoculars", "birdbaths", "birdhouses",
    "biscuits", "bison", "blackberries", "blackbirds", "blankets", "blenders", "blimps", "blobfish",
    "bluebells", "blueberries", "bluebirds", "bluejays", "boars", "bobbins", "bobcats", "bonbons",
    "bongos", "bonnets", "bookcases", "books", "boomboxes", "boomerangs", "boots", "bottles",
    "bowerbirds", "bowls", "boxes", "bracelets", "breadsticks", "breezes", "brontosauruses",
    "brooches", "brooms", "brownies", "brushes", "bubbles", "buckets", "buckles", "budgies",
    "buffaloes", "bugles", "bulbs", "bulldogs", "bulldozers", "bullfrogs", "bumblebees",
    "bungalows", "bunnies", "burgers", "burritos", "burros", "buses", "buttercups", "butterflies",
    "buttons", "cabbages", "cabinets", "cabins", "cacti", "cakes", "calculators", "calves",
    "camels", "cameras", "campfires", "canaries", "candies", "candles", "candlesticks", "canoes",
    "cantaloupes", "canteens", "canyons", "capes", "capybaras", "caramels", "caravans", "cardigans",
    "cardinals", "caribou", "carousels", "carpets", "carriages", "carrots", "cars", "cartwheels",
    "cashews", "cassowaries", "castanets", "castles", "catamarans", "caterpillars", "catfish",
    "cats", "cauldrons", "caves", "cedars", "cellos", "centaurs", "centipedes", "chairs", "chalets",
    "chalkboards", "chameleons", "chandeliers", "charms", "cheesecakes", "cheeses", "cheetahs",
    "cherries", "chessboards", "chestnuts", "chickadees", "chickens", "chickpeas", "chimneys",
    "chinchillas", "chipmunks", "chopsticks", "churros", "cicadas", "clams", "clarinets",
    "clementines", "cliffs", "cloaks", "clocks", "clogs", "clouds", "clovers", "clownfish",
    "coasters", "cobblers", "cod", "cogs", "colanders", "collies", "combs", "comets", "compasses",
    "condors", "congas", "cookbooks", "cookies", "corals", "corgis", "cormorants", "cottages",
    "cottontails", "couches", "cowbells", "cows", "coyotes", "cradles", "cranberries", "cranes",
    "craters", "crates", "crawdads", "crayfish", "crayons", "creeks", "crepes", "crickets",
    "crocodiles", "croissants", "croutons", "crowns", "crows", "crumpets", "crystals", "cubs",
    "cuckoos", "cucumbers", "cupboards", "cupcakes", "cups", "curtains", "cushions", "custards",
    "cuttlefish", "cygnets", "cymbals", "dachshunds", "daffodils", "daisies", "dalmatians",
    "damselflies", "dandelions", "deer", "deserts", "dewdrops", "diamonds", "dinghies", "dingoes",
    "dodos", "doghouses", "dogs", "doilies", "dollhouses", "dolphins", "domes", "dominoes",
    "donkeys", "donuts", "doodlebugs", "doorbells", "doorknobs", "doormats", "dormice", "doves",
    "dragonflies", "dragons", "dressers", "dromedaries", "drums", "ducklings", "ducks", "dugongs",
    "dumbbells", "dumplings", "dunes", "dustpans", "duvets", "eagles", "eaglets", "earmuffs",
    "earrings", "earthworms", "easels", "echidnas", "eclairs", "eclipses", "eels", "eggcups",
    "eggplants", "eggs", "egrets", "elephants", "elk", "elves", "emeralds", "emus", "enchiladas",
    "envelopes", "erasers", "falafels", "falcons", "faucets", "fawns", "feathers", "fedoras",
    "ferns", "ferrets", "ferries", "fiddles", "figs", "finches", "fireflies", "firetrucks",
    "fireworks", "fishbowls", "flags", "flamingos", "flapjacks", "flashlights", "flounders",
    "flowerpots", "flutes", "flycatchers", "foals", "forklifts", "forks", "forts", "fountains",
    "foxes", "fritters", "frogs", "funnels", "gadgets", "galaxies", "galoshes", "gannets",
    "garlands", "garnets", "gazebos", "gazelles", "gears", "geckos", "geese", "gemstones",
    "geraniums", "gerbils", "geysers", "gherkins", "ghosts", "giants", "gibbons", "gifts",
    "gingersnaps", "giraffes", "gizmos", "glaciers", "globes", "glockenspiels", "gloves",
    "glowworms", "gnomes", "gnus", "goats", "goblets", "goblins", "goggles", "goldfinches",
    "goldfish", "gondolas", "gongs", "gooseberries", "gophers", "gorillas", "goslings", "gourds",
    "gramophones", "grapefruits", "grapes", "grasshoppers", "greenhouses", "gremlins", "greyhounds",
    "griffins", "groundhogs", "grouse", "guavas", "guitars", "gulls", "gumballs", "gumdrops",
    "guppies", "hailstones", "hairbrushes", "hammerheads", "hammers", "hammocks", "hamsters",
    "handbags", "hares", "harmonicas", "harps", "harpsichords", "hats", "hawks", "haystacks",
    "hazelnuts", "headbands", "headphones", "hedgehogs", "hedges", "helicopters", "helmets", "hens",
    "herons", "herrings", "hills", "hippos", "honeydews", "hoodies", "hoops", "hornbills", "horses",
    "horseshoes", "hotdogs", "hounds", "hourglasses", "huckleberries", "hummingbirds", "huskies",
    "huts", "hyacinths", "hyenas", "icebergs", "icicles", "igloos", "iguanas", "impalas", "imps",
    "inchworms", "inkwells", "irises", "islands", "jackals", "jackdaws", "jackets", "jackrabbits",
    "jaguars", "jars", "jeeps", "jellies", "jellybeans", "jellyfish", "jewels", "jigsaws", "joeys",
    "jukeboxes", "kaleidoscopes", "kangaroos", "kayaks", "kazoos", "kebabs", "kennels", "kettles",
    "keyboards", "keys", "kingfishers", "kites", "kittens", "kiwis", "knights", "koalas", "koi",
    "kookaburras", "krakens", "kumquats", "labradors", "lacewings", "ladders", "ladles",
    "ladybirds", "ladybugs", "lagoons", "lakes", "lambs", "lamps", "lanterns", "laptops", "larks",
    "leeks", "lemmings", "lemonades", "lemons", "lemurs", "leopards", "lightbulbs", "lighthouses",
    "lilacs", "lilies", "limes", "limousines", "lionfish", "lions", "lizards", "llamas", "loafers",
    "lobsters", "lockets", "lodges", "lollipops", "loons", "lorikeets", "lovebirds", "lunchboxes",
    "lychees", "lynxes", "macarons", "macaroons", "macaws", "magnets", "magnolias", "magpies",
    "mailboxes", "mallards", "mammoths", "manatees", "mandolins", "mangoes", "mantises", "maples",
    "maps", "maracas", "marbles", "marigolds", "marimbas", "marionettes", "marlins", "marmosets",
    "marmots", "marshmallows", "mastodons", "mattresses", "mayflies", "meadows", "meatballs",
    "medals", "meerkats", "megaphones", "meringues", "mermaids", "meteors", "metronomes", "mice",
    "microphones", "milkshakes", "minivans", "minks", "minnows", "mirrors", "mittens", "moccasins",
    "mockingbirds", "moles", "mongooses", "monkeys", "monocles", "moons", "moose", "mopeds", "mops",
    "mosses", "moths", "motorbikes", "mountains", "muffins", "mugs", "mulberries", "mules",
    "mushrooms", "muskrats", "mussels", "nachos", "napkins", "narwhals", "nebulas", "necklaces",
    "nectarines", "newts", "nighthawks", "nightingales", "nightlights", "noodles", "notebooks",
    "nougats", "nuggets", "nutcrackers", "nuthatches", "oaks", "oars", "oases", "oboes", "ocarinas",
    "ocelots", "octopuses", "ogres", "okapis", "olives", "omelets", "onions", "opals", "opossums",
    "oranges", "orangutans", "orcas", "orchards", "orchids", "orioles", "ornaments", "ospreys",
    "ostriches", "otters", "overalls", "owlets", "owls", "oxen", "oysters", "paddles", "pagodas",
    "pails", "paintbrushes", "pajamas", "palaces", "palms", "pancakes", "pandas", "panthers",
    "papayas", "paperclips", "parachutes", "parakeets", "parasols", "parcels", "parfaits", "parkas",
    "parrots", "parsnips", "partridges", "pastries", "peaches", "peanuts", "pearls", "pears",
    "pebbles", "pecans", "pelicans", "pencils", "pendulums", "penguins", "peonies", "peppers",
    "persimmons", "petunias", "pheasants", "phoenixes", "pianos", "piccolos", "pickles", "pies",
    "pigeons", "piglets", "pillows", "pinafores", "pinatas", "pineapples", "pinecones", "pines",
    "pinwheels", "pirates", "pistachios", "pitchers", "pixies", "pizzas", "planets", "plates",
    "platypuses", "plums", "pollywogs", "pomegranates", "pomeranians", "pompoms", "ponchos",
    "ponds", "ponies", "poodles", "poppies", "popsicles", "porcupines", "porpoises", "possums",
    "postcards", "potatoes", "prairies", "pralines", "prawns", "pretzels", "primroses",
    "projectors", "pterodactyls", "puddings", "puddles", "pufferfish", "puffins", "pugs", "pulleys",
    "pumas", "pumpkins", "puppets", "puppies", "pups", "purses", "puzzles", "quails", "quasars",
    "quesadillas", "quiches", "quills", "quilts", "quokkas", "rabbits", "radios", "radishes",
    "rafts", "rainbows", "raincoats", "raindrops", "raisins", "rakes", "rams", "raspberries",
    "rattles", "ravens", "ravioli", "recliners", "redwoods", "reindeer", "rhinos", "ribbons",
    "rickshaws", "rings", "rivers", "roadrunners", "robins", "robots", "rockets", "roosters",
    "roses", "rowboats", "rubies", "rugs", "saddles", "sailboats", "sailfish", "sailplanes",
    "salamanders", "salmon", "samosas", "sandals", "sandboxes", "sandcastles", "sandpipers",
    "sandwiches", "saplings", "sapphires", "sardines", "satchels", "saucepans", "saucers",
    "sawfish", "saxophones", "scallops", "scarecrows", "scarves", "scepters", "schnauzers",
    "scissors", "scones", "scooters", "scrolls", "seagulls", "seahorses", "seals", "seashells",
    "seedlings", "seesaws", "sequoias", "sharks", "shawls", "sheds", "sheep", "shovels", "shrews",
    "shrimp", "shrubs", "sidecars", "silkworms", "skateboards", "skiffs", "skillets", "skis",
    "skunks", "skylarks", "skyscrapers", "sleds", "slippers", "sloths", "slugs", "smoothies",
    "snails", "snakes", "snapdragons", "sneakers", "snickerdoodles", "snorkels", "snowballs",
    "snowdrifts", "snowflakes", "snowmen", "socks", "sofas", "sorbets", "spaceships", "spaniels",
    "sparrows", "spatulas", "spectacles", "spiders", "spinners", "sponges", "spools", "spoonbills",
    "spoons", "sprinklers", "sprinkles", "sprites", "sprockets", "sprouts", "spuds", "squid",
    "squirrels", "staplers", "starfish", "starlings", "stars", "steamboats", "stegosauruses",
    "stereos", "stickers", "stilts", "stingrays", "stopwatches", "storks", "stoves", "strawberries",
    "streams", "streetcars", "strudels", "submarines", "sugarplums", "suitcases", "sunbeams",
    "sundaes", "sundials", "sunfish", "sunflowers", "sunglasses", "sunrises", "sunsets", "sushi",
    "swallowtails", "swans", "sweaters", "swordfish", "synthesizers", "tablecloths", "tacos",
    "tadpoles", "tambourines", "tangerines", "tapirs", "tarantulas", "tassels", "taxis", "teacakes",
    "teacups", "teapots", "teaspoons", "telephones", "telescopes", "tents", "terriers", "thermoses",
    "thimbles", "thistles", "thunderclouds", "tiaras", "tides", "tigers", "toads", "toasters",
    "toboggans", "toffees", "tomatoes", "toothbrushes", "tortillas", "tortoises", "toucans",
    "towels", "towers", "tractors", "trains", "trampolines", "trays", "treehouses", "triangles",
    "tricycles", "trinkets", "trolleys", "trolls", "trombones", "trophies", "trout", "trowels",
    "truffles", "trumpets", "tubas", "tugboats", "tulips", "tumblers", "tuna", "turkeys", "turnips",
    "turntables", "turrets", "turtles", "tutus", "tweezers", "typewriters", "ukuleles", "umbrellas",
    "unicorns", "unicycles", "urchins", "valleys", "vases", "vests", "vines", "violas", "violets",
    "violins", "volcanoes", "voles", "waffles", "wagons", "wallabies", "wallets", "walnuts",
    "walruses", "wands", "warblers", "wardrobes", "warthogs", "watches", "waterfalls", "waves",
    "weasels", "weathervanes", "wellies", "whales", "wheelbarrows", "whippets", "whirligigs",
    "whirlpools", "whisks", "whistles", "wildcats", "wildebeests", "willows", "windmills",
    "wizards", "woks", "wolverines", "wolves", "wombats", "wontons", "woodchucks", "wrens",
    "xylophones", "yachts", "yaks", "yams", "yarns", "yetis", "yurts", "zebras", "zeppelins",
    "zippers", "zucchinis",
];

/// Verbs in their plain present form, agreeing with a plural subject: the fourth part of a
/// phrase; see [`ADJECTIVES`] for the rules.
#[rustfmt::skip]
const VERBS: [&str; 1024] = [
    "abound", "abseil", "accelerate", "accessorize", "adapt", "adjust", "advance", "agree",
    "alphabetize", "amble", "apologize", "appear", "applaud", "aquaplane", "arise", "arrive",
    "ascend", "aspire", "assemble", "audition", "awaken", "baa", "babble", "babysit", "backflip",
    "backpack", "backstroke", "backtrack", "bake", "balance", "banquet", "banter", "barbecue",
    "bargain", "bark", "barter", "bask", "bathe", "beachcomb", "beam", "beatbox", "beckon", "beep",
    "begin", "behave", "belay", "bellow", "bicker", "bike", "billow", "birdwatch", "bivouac",
    "blab", "blabber", "blare", "blather", "bleat", "blend", "blink", "blog", "bloom", "blossom",
    "bluff", "blunder", "blush", "bluster", "boast", "bob", "bobble", "bobsled", "bodysurf", "bond",
    "boogaloo", "boogie", "boom", "boomerang", "bop", "bounce", "bound", "bow", "bowl", "brag",
    "braid", "brainstorm", "brake", "bray", "breakdance", "breakfast", "breathe", "breeze", "brew",
    "brighten", "bristle", "broadcast", "browse", "brunch", "bubble", "budge", "budget", "build",
    "bumble", "bump", "bungee", "bunk", "burble", "burrow", "bushwhack", "busk", "bustle", "buzz",
    "cackle", "calculate", "camp", "cancan", "cannonball", "canoe", "canter", "caper", "caramelize",
    "caravan", "careen", "carol", "carpool", "cartwheel", "cascade", "caterwaul", "catnap",
    "cavort", "caw", "celebrate", "chant", "chat", "chatter", "cheep", "cheer", "cheerlead", "chew",
    "chill", "chime", "chirp", "chirrup", "chitchat", "chitter", "chomp", "choose", "choreograph",
    "chortle", "chorus", "chuckle", "churn", "circle", "clamber", "clamor", "clang", "clank",
    "clap", "clatter", "clean", "click", "climb", "cling", "clink", "clog", "clomp", "clop",
    "cluck", "clunk", "cluster", "coach", "coast", "cocoon", "code", "coexist", "cogitate",
    "collaborate", "collect", "commute", "compete", "compose", "compromise", "compute",
    "concentrate", "confide", "conga", "conjure", "contemplate", "converse", "coo", "cook",
    "cooperate", "count", "crackle", "craft", "crawl", "creak", "create", "crinkle", "crisscross",
    "croak", "crochet", "croon", "crouch", "crow", "crowd", "cruise", "crumble", "crunch", "cuddle",
    "curl", "curtsy", "cycle", "dabble", "dally", "dance", "dangle", "dart", "dash", "dawdle",
    "daydream", "debate", "decide", "declutter", "decorate", "deliberate", "delve", "depart",
    "descend", "design", "detour", "dig", "digress", "dillydally", "dine", "ding", "dip", "disco",
    "disembark", "dissolve", "dither", "dive", "donate", "doodle", "doze", "draw", "drawl", "dream",
    "dribble", "drift", "drip", "drizzle", "drone", "drowse", "drum", "dunk", "dust", "dwell",
    "dwindle", "eat", "eavesdrop", "ebb", "echo", "edit", "embark", "embroider", "emerge", "emote",
    "encamp", "endure", "engineer", "enroll", "entertain", "enthuse", "envision", "evaporate",
    "evolve", "excel", "exclaim", "exercise", "exhale", "exist", "expand", "experiment", "explore",
    "feast", "fetch", "fiddle", "fidget", "film", "fingerpaint", "fish", "fizz", "fizzle",
    "flamenco", "flap", "flex", "flicker", "flip", "flit", "float", "flock", "flop", "flounce",
    "flourish", "flow", "flower", "fluff", "flutter", "fly", "foam", "focus", "fold", "forage",
    "foxtrot", "freelance", "freestyle", "freewheel", "freeze", "frolic", "froth", "frown",
    "fumble", "fundraise", "fuss", "gab", "gabble", "gallivant", "gallop", "galumph", "gambol",
    "garden", "gargle", "gasp", "gather", "gawk", "gaze", "germinate", "gesture", "giggle", "glamp",
    "glaze", "gleam", "glide", "glimmer", "glint", "glisten", "glitter", "gloat", "glow", "gnaw",
    "gobble", "golf", "gossip", "graduate", "gravitate", "graze", "greet", "grill", "grin", "groan",
    "groove", "grow", "growl", "grumble", "grunt", "guffaw", "guide", "gulp", "gurgle", "gush",
    "haggle", "hammer", "handstand", "harmonize", "harrumph", "harvest", "hatch", "help",
    "hesitate", "hibernate", "hiccup", "hide", "hike", "hiss", "hitchhike", "hoard", "hobble",
    "hobnob", "holiday", "holler", "honk", "hoot", "hop", "hopscotch", "host", "housesit", "hover",
    "howl", "huddle", "huff", "hug", "hula", "hum", "hunker", "hurdle", "hurry", "hurtle", "hush",
    "hustle", "hypothesize", "idle", "imagine", "improvise", "inch", "indulge", "innovate",
    "inquire", "invent", "investigate", "iron", "iterate", "jabber", "jam", "jangle", "jaunt",
    "jest", "jet", "jig", "jiggle", "jingle", "jitterbug", "jive", "jog", "join", "joke", "josh",
    "jostle", "journal", "journey", "juggle", "jumble", "jump", "kayak", "kibitz", "kitesurf",
    "knead", "kneel", "knit", "knock", "land", "lather", "laugh", "launch", "laze", "lean", "leap",
    "leapfrog", "learn", "lecture", "levitate", "limbo", "linger", "listen", "loaf", "loll",
    "lollop", "lollygag", "loop", "lope", "lounge", "lumber", "lunch", "lurk", "mambo", "maneuver",
    "march", "marinate", "marvel", "masquerade", "materialize", "mature", "meander", "meddle",
    "meditate", "meet", "meld", "mellow", "melt", "memorize", "mend", "mentor", "meow", "merengue",
    "merge", "mesmerize", "mew", "migrate", "mimic", "mingle", "minuet", "misbehave", "mix", "molt",
    "moo", "mooch", "moonlight", "moonwalk", "mop", "mope", "mosey", "motor", "mountaineer",
    "muddle", "mull", "multiply", "mumble", "munch", "murmur", "muse", "mutter", "nap", "narrate",
    "natter", "navigate", "neaten", "negotiate", "neigh", "nest", "nestle", "nibble", "nitpick",
    "nod", "noodle", "nosh", "nudge", "nurture", "nuzzle", "oink", "orate", "orbit", "organize",
    "oscillate", "overachieve", "oversleep", "overthink", "pace", "pad", "paddle", "paddleboard",
    "paint", "parachute", "parade", "paraglide", "parasail", "parley", "parse", "participate",
    "party", "patch", "patter", "pause", "paw", "peck", "pedal", "peek", "peep", "peer",
    "perambulate", "perch", "percolate", "perform", "persevere", "persist", "philosophize",
    "picnic", "piggyback", "ping", "pinwheel", "pirouette", "pivot", "plan", "plant", "play",
    "plink", "plod", "plop", "plunk", "podcast", "polish", "polka", "pollinate", "ponder",
    "pontificate", "pootle", "pop", "pose", "potter", "pounce", "pout", "practice", "prance",
    "prattle", "preen", "prepare", "primp", "procrastinate", "program", "promenade", "prosper",
    "prowl", "prune", "puddle", "puff", "pun", "punt", "purr", "putt", "putter", "puzzle", "quack",
    "quest", "queue", "quibble", "quickstep", "quilt", "quip", "quiver", "race", "radiate", "raft",
    "rally", "ramble", "rap", "rappel", "rattle", "read", "reappear", "reassemble", "reboot",
    "rebound", "recap", "recharge", "recite", "recline", "recycle", "redecorate", "reflect",
    "refresh", "refuel", "refurbish", "regenerate", "regroup", "rehearse", "rejoice", "rejoin",
    "relax", "relocate", "remember", "reminisce", "remodel", "renovate", "reorganize", "repaint",
    "repeat", "reply", "repose", "research", "resonate", "resound", "respond", "rest", "restore",
    "rethink", "retire", "retreat", "return", "reunite", "revamp", "revel", "revise", "revisit",
    "revive", "revolve", "rewind", "rhapsodize", "rhyme", "ricochet", "ride", "riff", "ring",
    "rinse", "ripen", "ripple", "rise", "roam", "roar", "rock", "rocket", "roll", "rollerskate",
    "rollick", "romp", "roost", "rotate", "rove", "row", "rumba", "rumble", "ruminate", "rummage",
    "run", "rush", "rustle", "sail", "salsa", "samba", "sashay", "saunter", "save", "savor",
    "scamper", "scatter", "schmooze", "scoot", "scout", "scrabble", "scramble", "scrapbook",
    "screech", "scribble", "scrimmage", "scrub", "scuba", "sculpt", "scurry", "scuttle", "search",
    "seesaw", "serenade", "settle", "sew", "shamble", "shapeshift", "share", "shimmer", "shimmy",
    "shine", "shiver", "shop", "showboat", "shower", "shrug", "shuffle", "shush", "sidestep",
    "sidle", "sigh", "sightsee", "simmer", "sing", "sip", "sit", "sizzle", "skate", "skateboard",
    "skedaddle", "sketch", "ski", "skid", "skip", "skitter", "skulk", "skydive", "skylark",
    "slalom", "sled", "sleep", "sleepwalk", "sleigh", "slide", "slink", "slither", "slosh",
    "slouch", "slumber", "smile", "smirk", "snack", "sneak", "sneeze", "snicker", "sniff",
    "sniffle", "snoop", "snooze", "snore", "snorkel", "snowball", "snowboard", "snowshoe",
    "snuffle", "snuggle", "soak", "soar", "socialize", "sojourn", "soliloquize", "solve",
    "somersault", "sort", "sparkle", "speak", "speculate", "speechify", "spell", "spelunk", "spin",
    "spiral", "splash", "splat", "splurge", "splutter", "spout", "sprawl", "spring", "sprinkle",
    "sprint", "spritz", "sprout", "sputter", "squabble", "squawk", "squeak", "squeal", "squelch",
    "squint", "squirm", "stampede", "stand", "stargaze", "start", "stay", "steam", "steep", "steer",
    "stencil", "step", "stew", "stir", "stitch", "stockpile", "stomp", "stop", "stream", "stretch",
    "stride", "strive", "stroll", "strum", "strut", "study", "stumble", "succeed", "sulk", "summer",
    "sunbathe", "surf", "swagger", "swap", "sway", "sweep", "swell", "swelter", "swerve", "swim",
    "swing", "swirl", "swish", "swivel", "swoon", "swoop", "swoosh", "sympathize", "tailor", "talk",
    "tango", "tap", "tapdance", "tarry", "tattle", "taxi", "teach", "tease", "teeter",
    "telecommute", "teleport", "thaw", "theorize", "think", "thrive", "thrum", "thud", "thunder",
    "tick", "tidy", "tingle", "tinker", "tiptoe", "toboggan", "toddle", "toil", "toodle", "toot",
    "tootle", "topple", "totter", "tour", "trade", "traipse", "transform", "travel", "traverse",
    "trek", "tremble", "trickle", "trill", "trot", "troubleshoot", "trudge", "trumpet", "trust",
    "try", "tumble", "turn", "tutor", "twang", "tweak", "tweet", "twiddle", "twinkle", "twirl",
    "twist", "twitch", "twitter", "twostep", "undulate", "unfold", "unite", "unpack", "unravel",
    "untangle", "unwind", "upcycle", "upgrade", "upholster", "vacation", "vacuum", "vamoose",
    "vanish", "vault", "venture", "visit", "vocalize", "vogue", "volley", "volunteer", "voyage",
    "vroom", "waddle", "wade", "wag", "waggle", "wait", "wake", "walk", "wallow", "waltz", "wander",
    "wane", "warble", "wash", "watch", "waterski", "wave", "waver", "weave", "weekend", "wheel",
    "whinny", "whir", "whirl", "whisk", "whisper", "whistle", "whittle", "whiz", "whoop", "whoosh",
    "wiggle", "win", "windsurf", "wink", "winter", "wisecrack", "wish", "wobble", "wonder", "woof",
    "work", "wriggle", "write", "yak", "yammer", "yap", "yawn", "yell", "yelp", "yip", "yodel",
    "yowl", "zigzag", "zing", "zip", "zipline", "zoom",
];

/// Adverbs: the last part of a phrase; see [`ADJECTIVES`] for the rules.
#[rustfmt::skip]
const ADVERBS: [&str; 512] = [
    "aboard", "abroad", "absurdly", "abundantly", "adorably", "adoringly", "adrift",
    "adventurously", "afar", "affably", "affectionately", "afloat", "again", "ahead", "airily",
    "alertly", "aloft", "aloud", "always", "amazingly", "ambitiously", "amiably", "amicably",
    "amusingly", "anew", "angelically", "animatedly", "appreciatively", "ardently", "around",
    "artfully", "artistically", "ashore", "aside", "astutely", "athletically", "attentively",
    "audaciously", "avidly", "away", "backstage", "backward", "barefoot", "bashfully",
    "beautifully", "benevolently", "blissfully", "blithely", "blushingly", "boisterously", "boldly",
    "bouncily", "bravely", "breezily", "brightly", "brilliantly", "briskly", "buoyantly", "busily",
    "calmly", "carefully", "casually", "cautiously", "charmingly", "cheekily", "cheerfully",
    "cheerily", "chirpily", "chivalrously", "chummily", "cleverly", "clockwise", "clumsily",
    "comfortably", "comically", "companionably", "confidently", "contentedly", "coolly",
    "cooperatively", "cordially", "counterclockwise", "courageously", "courteously", "cozily",
    "craftily", "creatively", "crisply", "crosswise", "cunningly", "curiously", "cutely", "daily",
    "daintily", "daringly", "dashingly", "dazzlingly", "dearly", "decisively", "deftly",
    "delicately", "delightfully", "demurely", "devotedly", "dexterously", "diligently", "dizzily",
    "doggedly", "downhill", "downstairs", "downstream", "downtown", "dreamily", "drolly",
    "dutifully", "dynamically", "eagerly", "early", "earnestly", "easily", "ebulliently",
    "eccentrically", "effortlessly", "elaborately", "elatedly", "electrically", "elegantly",
    "eloquently", "enchantingly", "endearingly", "endlessly", "energetically", "enormously",
    "enthusiastically", "everywhere", "exceptionally", "excitedly", "expertly", "exquisitely",
    "exuberantly", "fabulously", "faithfully", "famously", "fancifully", "fantastically", "fast",
    "fearlessly", "feistily", "fervently", "festively", "fiercely", "finely", "flamboyantly",
    "flashily", "flawlessly", "fluently", "fluffily", "fluidly", "fondly", "forever", "formally",
    "fortunately", "forward", "frankly", "freely", "freshly", "frugally", "funnily", "fussily",
    "fuzzily", "gaily", "gallantly", "gamely", "generously", "genially", "gently", "genuinely",
    "giddily", "gingerly", "gladly", "glamorously", "gleefully", "gloriously", "glossily",
    "glowingly", "goofily", "gorgeously", "gracefully", "graciously", "grandly", "gratefully",
    "gregariously", "grumpily", "gustily", "handily", "handsomely", "happily", "harmoniously",
    "hastily", "headfirst", "heartily", "helpfully", "heroically", "hilariously", "homeward",
    "honestly", "hopefully", "humbly", "humorously", "hungrily", "hurriedly", "idly",
    "imaginatively", "immensely", "impishly", "impressively", "incredibly", "indoors",
    "industriously", "ingeniously", "inquisitively", "inside", "intently", "intrepidly",
    "inventively", "irresistibly", "jauntily", "jazzily", "jokingly", "jollily", "jovially",
    "joyfully", "joyously", "jubilantly", "keenly", "kindheartedly", "kindly", "knowingly", "later",
    "lavishly", "lazily", "leisurely", "lengthwise", "lightheartedly", "lightly", "lithely",
    "loftily", "loudly", "lovingly", "loyally", "luckily", "luminously", "lushly", "luxuriously",
    "lyrically", "magically", "magnificently", "majestically", "marvelously", "masterfully",
    "meekly", "melodically", "melodiously", "mercifully", "merrily", "methodically", "meticulously",
    "midair", "mightily", "mildly", "mindfully", "mirthfully", "mischievously", "modestly",
    "musically", "mysteriously", "nattily", "naturally", "nearby", "neatly", "nicely", "nightly",
    "nimbly", "nobly", "noisily", "nonchalantly", "nonstop", "obligingly", "oddly", "offshore",
    "often", "onstage", "onward", "openly", "optimistically", "ornately", "outdoors", "outside",
    "overhead", "overnight", "overseas", "painstakingly", "passionately", "patiently", "peaceably",
    "peacefully", "peculiarly", "pensively", "perfectly", "persistently", "placidly", "playfully",
    "pleasantly", "pleasingly", "plentifully", "pluckily", "poetically", "politely", "positively",
    "powerfully", "precisely", "productively", "promptly", "properly", "prosperously", "proudly",
    "punctually", "purposefully", "quaintly", "quickly", "quietly", "quirkily", "quizzically",
    "radiantly", "rambunctiously", "rapidly", "rapturously", "readily", "reassuringly",
    "refreshingly", "regally", "reliably", "remarkably", "resolutely", "resourcefully",
    "respectfully", "responsibly", "restfully", "restlessly", "reverently", "rhythmically",
    "richly", "robustly", "rosily", "rowdily", "royally", "ruggedly", "rustically", "safely",
    "sagely", "sassily", "satisfyingly", "scrappily", "scrupulously", "seamlessly", "seaward",
    "secretly", "sedately", "sensibly", "serenely", "sheepishly", "shimmeringly", "shrewdly",
    "shyly", "sideways", "silently", "silkily", "simply", "sincerely", "skillfully", "skittishly",
    "skyward", "sleekly", "sleepily", "slowly", "slyly", "smartly", "smilingly", "smoothly",
    "snappily", "snazzily", "sneakily", "snugly", "sociably", "softly", "solemnly", "sometimes",
    "soon", "soothingly", "soulfully", "soundly", "spaciously", "sparklingly", "speedily",
    "spiritedly", "splendidly", "spontaneously", "sportily", "spryly", "squeakily", "staunchly",
    "steadfastly", "steadily", "stealthily", "stoically", "stoutly", "strikingly", "strongly",
    "studiously", "stunningly", "stylishly", "suavely", "sublimely", "subtly", "sunnily",
    "superbly", "supremely", "surprisingly", "sweetly", "swiftly", "swimmingly", "sympathetically",
    "tactfully", "tastefully", "teasingly", "tenaciously", "tenderly", "terrifically", "thankfully",
    "theatrically", "thoroughly", "thoughtfully", "thriftily", "thunderously", "tidily", "timidly",
    "tirelessly", "today", "together", "tolerantly", "tomorrow", "tonight", "touchingly",
    "tranquilly", "tremendously", "triumphantly", "truly", "trustingly", "truthfully", "tunefully",
    "twice", "unabashedly", "unassumingly", "unceasingly", "uncommonly", "undauntedly",
    "underwater", "unerringly", "unfailingly", "unhurriedly", "uniquely", "unusually",
    "unwaveringly", "uphill", "upstairs", "upstream", "uptown", "upward", "valiantly", "vastly",
    "vibrantly", "victoriously", "vigilantly", "vigorously", "virtuously", "vivaciously", "vividly",
    "vocally", "wackily", "waggishly", "warily", "warmly", "watchfully", "weekly", "well",
    "whimsically", "wholeheartedly", "wholesomely", "wildly", "winningly", "winsomely", "wisely",
    "wistfully", "wittily", "wonderfully", "wondrously", "yesterday", "youthfully", "zanily",
    "zealously", "zestfully", "zippily",
];

/// The number of different support phrases: 99 numbers times the lengths of the four word lists,
/// 99 × 1024³ × 512 = 54,425,825,574,912 ≈ 5.4 × 10¹³.
///
/// By the birthday bound n² / 2N, among n phrases the chance that any two are equal is about
/// n² / (2 × `COMBINATIONS`): about 0.9 % for a million phrases.
pub const COMBINATIONS: u64 = NUMBER_COUNT as u64
    * ADJECTIVES.len() as u64
    * NOUNS.len() as u64
    * VERBS.len() as u64
    * ADVERBS.len() as u64;

/// How many numbers a phrase can start with: 1..=99.
const NUMBER_COUNT: u32 = 99;

/// Where the number's bits start in the UUID's `u128`, and how many there are. The width must
/// match the `u32` that [`number_from_bits`] truncates to.
const NUMBER_SHIFT: u32 = 0;
const NUMBER_BITS: u32 = u32::BITS;

/// Where each word index starts in the UUID's `u128`; each field is as wide as its list needs.
const ADJECTIVE_SHIFT: u32 = 80;
const NOUN_SHIFT: u32 = ADJECTIVE_SHIFT + index_bits(ADJECTIVES.len());
const VERB_SHIFT: u32 = NOUN_SHIFT + index_bits(NOUNS.len());
const ADVERB_SHIFT: u32 = VERB_SHIFT + index_bits(VERBS.len());

/// The bits of `Uuid::as_u128()` that every v4 UUID has fixed: version (76..=79) and variant
/// (62..=63).
const UUID_V4_FIXED_BITS: u128 = field_mask(76, 4) | field_mask(62, 2);

/// Every bit the phrase is taken from.
const USED_BITS: u128 = field_mask(NUMBER_SHIFT, NUMBER_BITS)
    | field_mask(ADJECTIVE_SHIFT, index_bits(ADJECTIVES.len()))
    | field_mask(NOUN_SHIFT, index_bits(NOUNS.len()))
    | field_mask(VERB_SHIFT, index_bits(VERBS.len()))
    | field_mask(ADVERB_SHIFT, index_bits(ADVERBS.len()));

// The layout, checked when the crate compiles.
const _: () = {
    assert!(
        ADJECTIVES.len().is_power_of_two(),
        "ADJECTIVES: length must be a power of two"
    );
    assert!(
        NOUNS.len().is_power_of_two(),
        "NOUNS: length must be a power of two"
    );
    assert!(
        VERBS.len().is_power_of_two(),
        "VERBS: length must be a power of two"
    );
    assert!(
        ADVERBS.len().is_power_of_two(),
        "ADVERBS: length must be a power of two"
    );
    assert!(
        ADVERB_SHIFT + index_bits(ADVERBS.len()) <= u128::BITS,
        "the adverb field runs past bit 127"
    );
    // The fields are disjoint exactly when their union has as many bits as their widths add up to.
    assert!(
        USED_BITS.count_ones()
            == NUMBER_BITS
                + index_bits(ADJECTIVES.len())
                + index_bits(NOUNS.len())
                + index_bits(VERBS.len())
                + index_bits(ADVERBS.len()),
        "two fields of the phrase layout overlap"
    );
    assert!(
        USED_BITS & UUID_V4_FIXED_BITS == 0,
        "the phrase layout uses a fixed bit of the v4 UUID"
    );
};

/// The number of bits that index a list of `len` words (`len` is a power of two).
const fn index_bits(len: usize) -> u32 {
    len.trailing_zeros()
}

/// A mask of `width` one-bits starting at bit `shift`.
const fn field_mask(shift: u32, width: u32) -> u128 {
    ((1u128 << width) - 1) << shift
}

/// Returns a fresh random support phrase, such as `6 sad squid snuggle softly`.
///
/// A phrase is a number from 1 to 99, an adjective, a plural noun, a verb and an adverb,
/// separated by single spaces, all lowercase ASCII. There are 99 × 1024³ × 512 ≈ 5.4 × 10¹³
/// phrases (`COMBINATIONS`), so among a million of them the chance that any two are equal
/// is about 1 %.
///
/// The bits come from [`uuid::Uuid::new_v4`], that is from `rand`'s thread-local CSPRNG (the
/// `fast-rng` feature); the fixed version and variant bits are never used. Like
/// `Uuid::new_v4`, this panics only if the operating system cannot provide random bytes to seed
/// that generator.
#[must_use]
pub fn new() -> String {
    phrase_from_bits(uuid::Uuid::new_v4().as_u128())
}

/// Whether `text` has a support phrase's shape: a number 1..=99 and four lowercase words,
/// one space apart (`6 sad squid snuggle softly`), as the `error_list` schema's `phrase`
/// pattern says (`^[1-9][0-9]? [a-z]+ [a-z]+ [a-z]+ [a-z]+$`).
pub(crate) fn is_phrase(text: &str) -> bool {
    let mut parts = text.split(' ');
    let number = parts.next().unwrap_or_default();
    let number_ok = matches!(
        number.as_bytes(),
        [b'1'..=b'9'] | [b'1'..=b'9', b'0'..=b'9']
    );
    let mut words = 0;
    number_ok
        && parts.all(|word| {
            words += 1;
            !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())
        })
        && words == 4
}

/// The phrase of a 5xx response: the one an upstream error passed on was sent with, when it
/// has a phrase's shape (so the body keeps its schema); else the context's fixed one
/// ([`Context::with_phrase`](crate::Context::with_phrase)); else a fresh one. The one rule
/// for bodies, log records and gRPC statuses.
pub(crate) fn choose<'a>(passed_on: Option<&str>, fixed: Option<&'a str>) -> Cow<'a, str> {
    match (passed_on.filter(|phrase| is_phrase(phrase)), fixed) {
        (Some(phrase), _) => Cow::Owned(phrase.to_owned()),
        (None, Some(phrase)) => Cow::Borrowed(phrase),
        (None, None) => Cow::Owned(new()),
    }
}

/// Builds the phrase for the 128 bits of a v4 UUID (`Uuid::as_u128()`).
///
/// Deterministic: the same bits always give the same phrase. Only the fields listed in the
/// [module documentation](self) are read; every other bit, including the fixed version and
/// variant bits, is ignored. The string is allocated once, at its exact length.
#[must_use]
pub(crate) fn phrase_from_bits(bits: u128) -> String {
    let number = number_from_bits(bits);
    let words = [
        word(&ADJECTIVES, bits, ADJECTIVE_SHIFT),
        word(&NOUNS, bits, NOUN_SHIFT),
        word(&VERBS, bits, VERB_SHIFT),
        word(&ADVERBS, bits, ADVERB_SHIFT),
    ];
    let number_len = if number >= 10 { 2 } else { 1 };
    let len = number_len + words.iter().map(|word| 1 + word.len()).sum::<usize>();
    let mut phrase = String::with_capacity(len);
    if number >= 10 {
        phrase.push(decimal_digit(number / 10));
    }
    phrase.push(decimal_digit(number % 10));
    for word in words {
        phrase.push(' ');
        phrase.push_str(word);
    }
    phrase
}

/// The phrase's number, 1..=99, from the low 32 bits.
///
/// `% 99` over 2³² values is very slightly uneven: 2³² = 43,383,508 × 99 + 4, so 1..=4 are each
/// drawn once in 43,383,509 / 2³² and the others once in 43,383,508 / 2³², a relative difference
/// of 2.3 × 10⁻⁸ that no one can observe.
fn number_from_bits(bits: u128) -> u32 {
    // Truncating to `u32` keeps exactly the NUMBER_BITS = 32 bits of the field.
    let raw = (bits >> NUMBER_SHIFT) as u32;
    raw % NUMBER_COUNT + 1
}

/// The word of `list` whose index is the `index_bits(list.len())` bits of `bits` at `shift`.
fn word(list: &[&'static str], bits: u128, shift: u32) -> &'static str {
    // `list.len()` is a power of two (checked at compile time), so the mask keeps the index in
    // bounds and every word is equally likely; `get` keeps the lookup panic-free regardless.
    let mask = (list.len() as u128).saturating_sub(1);
    let index = ((bits >> shift) & mask) as usize;
    list.get(index).copied().unwrap_or_default()
}

/// The ASCII character of a decimal digit `0..=9`.
fn decimal_digit(digit: u32) -> char {
    char::from_digit(digit, 10).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_phrase_has_its_shape() {
        for _ in 0..100 {
            let phrase = super::new();
            assert!(super::is_phrase(&phrase), "{phrase}");
        }
        for text in [
            "",
            "0 sad squid snuggle softly",
            "100 sad squid snuggle softly",
            "6 sad squid snuggle",
            "6 sad squid snuggle softly now",
            "6  sad squid snuggle softly",
            "6 Sad squid snuggle softly",
            "ref: ABC-123",
            "6 sad squid snuggle softly\n",
        ] {
            assert!(!super::is_phrase(text), "{text:?}");
        }
    }

    use super::*;
    use std::collections::HashSet;

    /// Every list with its name, its stated length and the shift of its index field.
    fn lists() -> [(&'static str, &'static [&'static str], usize, u32); 4] {
        [
            ("ADJECTIVES", &ADJECTIVES, 1024, ADJECTIVE_SHIFT),
            ("NOUNS", &NOUNS, 1024, NOUN_SHIFT),
            ("VERBS", &VERBS, 1024, VERB_SHIFT),
            ("ADVERBS", &ADVERBS, 512, ADVERB_SHIFT),
        ]
    }

    /// Checks that `phrase` has the documented shape and returns its number and four words.
    fn parse(phrase: &str) -> (u32, [&str; 4]) {
        let parts: Vec<&str> = phrase.split(' ').collect();
        assert_eq!(
            parts.len(),
            5,
            "{phrase:?} must have five space-separated parts"
        );
        let number: u32 = parts[0]
            .parse()
            .unwrap_or_else(|e| panic!("{phrase:?}: bad number: {e}"));
        assert!(
            (1..=99).contains(&number),
            "{phrase:?}: number out of 1..=99"
        );
        assert_eq!(
            parts[0],
            number.to_string(),
            "{phrase:?}: number not canonical"
        );
        let words = [parts[1], parts[2], parts[3], parts[4]];
        for ((name, list, _, _), word) in lists().into_iter().zip(words) {
            assert!(
                list.contains(&word),
                "{phrase:?}: {word:?} is not in {name}"
            );
        }
        (number, words)
    }

    #[test]
    fn lists_have_their_stated_lengths() {
        assert_eq!(ADJECTIVES.len(), 1024);
        assert_eq!(NOUNS.len(), 1024);
        assert_eq!(VERBS.len(), 1024);
        assert_eq!(ADVERBS.len(), 512);
        for (name, list, len, _) in lists() {
            assert_eq!(list.len(), len, "{name}");
            assert!(list.len().is_power_of_two(), "{name}");
        }
    }

    #[test]
    fn words_are_lowercase_ascii_letters() {
        for (name, list, _, _) in lists() {
            for word in list {
                assert!(!word.is_empty(), "{name} has an empty word");
                assert!(
                    word.bytes().all(|b| b.is_ascii_lowercase()),
                    "{name}: {word:?} is not [a-z]+"
                );
            }
        }
    }

    #[test]
    fn words_are_unique_within_each_list() {
        for (name, list, _, _) in lists() {
            let mut seen = HashSet::new();
            for word in list {
                assert!(seen.insert(*word), "{name}: {word:?} appears twice");
            }
            assert_eq!(seen.len(), list.len(), "{name}");
        }
    }

    #[test]
    fn lists_are_sorted_so_they_stay_easy_to_review() {
        for (name, list, _, _) in lists() {
            for pair in list.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} before {:?}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn phrase_combinations_is_the_product() {
        let product = 99
            * ADJECTIVES.len() as u64
            * NOUNS.len() as u64
            * VERBS.len() as u64
            * ADVERBS.len() as u64;
        assert_eq!(COMBINATIONS, product);
        assert_eq!(COMBINATIONS, 99 * 1024 * 1024 * 1024 * 512);
        assert_eq!(COMBINATIONS, 54_425_825_574_912);
    }

    #[test]
    fn uuid_v4_fixed_bits_are_where_the_layout_assumes() {
        // uuid's own builder sets the version and variant over all-zero and all-one bytes.
        let zeros = uuid::Builder::from_random_bytes([0x00; 16])
            .into_uuid()
            .as_u128();
        assert_eq!(zeros, (0b0100 << 76) | (0b10 << 62));
        let ones = uuid::Builder::from_random_bytes([0xFF; 16])
            .into_uuid()
            .as_u128();
        assert_eq!(ones, !((0b1011 << 76) | (0b01 << 62)));
        assert_eq!(UUID_V4_FIXED_BITS, field_mask(76, 4) | field_mask(62, 2));

        // Over many real UUIDs exactly the fixed bits never change (a random bit stays constant
        // over 1000 draws with probability 2⁻⁹⁹⁹).
        let (mut ever_one, mut ever_zero) = (0u128, 0u128);
        for _ in 0..1000 {
            let bits = uuid::Uuid::new_v4().as_u128();
            assert_eq!((bits >> 76) & 0xF, 4, "version");
            assert_eq!((bits >> 62) & 0b11, 0b10, "variant");
            ever_one |= bits;
            ever_zero |= !bits;
        }
        assert_eq!(ever_one & ever_zero, !UUID_V4_FIXED_BITS);
    }

    #[test]
    fn layout_uses_only_random_bits() {
        assert_eq!(USED_BITS & UUID_V4_FIXED_BITS, 0);
        assert_eq!(USED_BITS.count_ones(), 32 + 10 + 10 + 10 + 9);
        assert_eq!(
            (
                NUMBER_SHIFT,
                ADJECTIVE_SHIFT,
                NOUN_SHIFT,
                VERB_SHIFT,
                ADVERB_SHIFT
            ),
            (0, 80, 90, 100, 110)
        );
    }

    #[test]
    fn phrase_from_bits_is_deterministic_and_well_formed() {
        let samples = [
            0,
            u128::MAX,
            0x0123_4567_89ab_cdef_fedc_ba98_7654_3210,
            0xdead_beef_cafe_f00d_1234_5678_9abc_def0,
            0x5555_5555_5555_5555_5555_5555_5555_5555,
            0xaaaa_aaaa_aaaa_aaaa_aaaa_aaaa_aaaa_aaaa,
        ];
        for bits in samples {
            let phrase = phrase_from_bits(bits);
            assert_eq!(phrase, phrase_from_bits(bits), "{bits:#x}");
            parse(&phrase);
        }
    }

    #[test]
    fn all_zero_and_all_one_bits_give_valid_phrases() {
        let zeros = phrase_from_bits(0);
        let (number, words) = parse(&zeros);
        assert_eq!(number, 1);
        assert_eq!(words, [ADJECTIVES[0], NOUNS[0], VERBS[0], ADVERBS[0]]);

        let ones = phrase_from_bits(u128::MAX);
        let (number, words) = parse(&ones);
        assert_eq!(number, u32::MAX % 99 + 1);
        assert_eq!(
            words,
            [ADJECTIVES[1023], NOUNS[1023], VERBS[1023], ADVERBS[511]]
        );
        assert_ne!(zeros, ones);
    }

    #[test]
    fn the_documented_example_is_a_real_phrase() {
        let example = "6 sad squid snuggle softly";
        let (number, words) = parse(example);
        let index =
            |list: &[&str], word: &str| list.iter().position(|w| *w == word).unwrap() as u128;
        let bits = u128::from(number - 1) << NUMBER_SHIFT
            | index(&ADJECTIVES, words[0]) << ADJECTIVE_SHIFT
            | index(&NOUNS, words[1]) << NOUN_SHIFT
            | index(&VERBS, words[2]) << VERB_SHIFT
            | index(&ADVERBS, words[3]) << ADVERB_SHIFT;
        assert_eq!(phrase_from_bits(bits), example);
    }

    #[test]
    fn different_bits_give_different_phrases() {
        let a = 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210;
        let b = 0xdead_beef_cafe_f00d_1234_5678_9abc_def0;
        assert_ne!(phrase_from_bits(a), phrase_from_bits(b));
        // One bit in one field is enough.
        assert_ne!(phrase_from_bits(0), phrase_from_bits(1 << NOUN_SHIFT));
    }

    #[test]
    fn bits_outside_the_layout_are_ignored() {
        for bits in [0, u128::MAX, 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210] {
            assert_eq!(phrase_from_bits(bits), phrase_from_bits(bits ^ !USED_BITS));
            assert_eq!(
                phrase_from_bits(bits),
                phrase_from_bits(bits | UUID_V4_FIXED_BITS)
            );
        }
    }

    #[test]
    fn every_list_index_is_reachable() {
        for (position, (name, list, len, shift)) in lists().into_iter().enumerate() {
            let mask = field_mask(shift, index_bits(len));
            for index in [0, 1, len / 2, len - 1] {
                let field = (index as u128) << shift;
                assert_eq!(field & !mask, 0, "{name}: index {index} leaves its field");
                // With every other bit clear and with every other bit set.
                for rest in [0, !mask] {
                    let phrase = phrase_from_bits(field | rest);
                    let (_, words) = parse(&phrase);
                    assert_eq!(words[position], list[index], "{name}[{index}]: {phrase:?}");
                }
            }
        }
    }

    #[test]
    fn every_number_is_reachable() {
        let mut seen = HashSet::new();
        for raw in 0..99u128 {
            let (number, _) = parse(&phrase_from_bits(raw << NUMBER_SHIFT));
            assert_eq!(number, raw as u32 + 1);
            seen.insert(number);
        }
        assert_eq!(seen.len(), 99);
        assert_eq!(parse(&phrase_from_bits(99)).0, 1);
        assert_eq!(parse(&phrase_from_bits(u128::from(u32::MAX))).0, 4);
        // Bit 32 and above do not belong to the number.
        assert_eq!(parse(&phrase_from_bits(1 << 32)).0, 1);
    }

    #[test]
    fn phrase_is_allocated_at_its_exact_length() {
        for bits in [0, u128::MAX, 9, 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210] {
            let phrase = phrase_from_bits(bits);
            let (number, words) = parse(&phrase);
            let expected =
                number.to_string().len() + words.iter().map(|w| 1 + w.len()).sum::<usize>();
            assert_eq!(phrase.len(), expected);
            // One allocation of exactly the phrase's length, not a grown buffer.
            assert_eq!(phrase.capacity(), expected);
        }
    }

    #[test]
    fn new_phrases_are_well_formed() {
        for _ in 0..1000 {
            parse(&new());
        }
    }

    #[test]
    fn hundred_thousand_new_phrases_barely_repeat() {
        // With N ≈ 5.4 × 10¹³ combinations, one duplicate among n = 100,000 phrases happens in
        // about one run in 11,000 (n² / 2N); two or more in about one run in 250 million. Allow
        // one, so the test is sharp (a weak random source repeats far more) without flaking.
        let n = 100_000;
        let mut seen = HashSet::with_capacity(n);
        let duplicates = (0..n).filter(|_| !seen.insert(new())).count();
        assert!(duplicates <= 1, "{duplicates} duplicate phrases among {n}");
    }
}
