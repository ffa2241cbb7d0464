#!/usr/bin/env python3
"""Seeded generator of synthetic Indonesian-like social posts for the Patroli bench.

Writes JSON Lines, one post per line: {"id": "...", "text": "..."}.

    bench/gen_posts.py                    # ~64 MB (10^6 bytes) to stdout, seed 1
    bench/gen_posts.py --mb 8 --seed 7 -o /tmp/posts.jsonl
    bench/gen_posts.py --mb 2 --stats >/dev/null      # mix/length report on stderr

Approximate mix (by post count):
  ~50%   everyday chatter (food, traffic, football, family, kost life, some
         hard negatives: holidays in Thailand, friends working abroad legally,
         warnings about job scams)
  ~22%   domestic job ads (operator produksi, tanpa pengalaman, WA HRD ...,
         plus a few legal G-to-G / P3MI overseas placements)
  ~21.5% news snippets (about a third of them TPPO / online-scam warnings)
  ~6.5%  recruitment-scam-like overseas job ads (gaji 15jt, Kamboja, tiket
         ditanggung, hubungi WA 0812-0000-xxxx ...)

About 45% of scam-like posts (and a few percent of the others) carry evasions:
leetspeak (g4ji), spaced letters (k e r j a), fullwidth forms (Ｌｏｋｅｒ),
Cyrillic look-alikes, zero-width / soft-hyphen characters, emoji inside words,
flag emoji instead of country names, accents, obfuscated phone numbers.
Roughly 55% of posts contain emoji (incl. ZWJ sequences, skin tones, flags);
a few percent contain non-ASCII letters (café, jalapeño, Pokémon ...).
Multi-line posts keep their newlines (JSON "\\n"); ~3% of lines are written
with ASCII-only JSON escapes (\\uXXXX, surrogate pairs for emoji).
Text length is 40..1200 code points, median ~250.

Every person, company, phone number (all 08xx-0000-xxxx), e-mail address
(example.com / example.co.id / example.org), link and handle is fictitious.

Determinism: the same --seed and --mb (or --posts) give byte-identical output
(only random.Random.random/choice/randrange/sample are used, which are stable
across CPython 3 versions; no hash-order dependence).
"""
import argparse
import json
import math
import random
import re
import sys

# ---------------------------------------------------------------------------
# Vocabulary.  A "{slot}" inside an entry is filled from W (word pools) or
# F (functions) recursively.
# ---------------------------------------------------------------------------
W = {}

W["city"] = [
    "Jakarta", "Bekasi", "Depok", "Bogor", "Tangerang", "Bandung", "Cimahi",
    "Garut", "Cirebon", "Tegal", "Pekalongan", "Semarang", "Kudus", "Solo",
    "Klaten", "Yogyakarta", "Magelang", "Madiun", "Kediri", "Blitar", "Malang",
    "Surabaya", "Gresik", "Sidoarjo", "Jember", "Banyuwangi", "Denpasar",
    "Mataram", "Kupang", "Makassar", "Parepare", "Manado", "Palu", "Kendari",
    "Medan", "Binjai", "Pematangsiantar", "Padang", "Pekanbaru", "Batam",
    "Jambi", "Palembang", "Bengkulu", "Bandar Lampung", "Pontianak",
    "Banjarmasin", "Samarinda", "Balikpapan", "Serang", "Cilegon", "Karawang",
    "Purwakarta", "Subang", "Indramayu", "Cianjur", "Sukabumi", "Tasikmalaya",
]
W["area"] = [
    "Cakung", "Pulo Gadung", "Cibitung", "Cikarang Barat", "Jababeka", "MM2100",
    "Tambun", "Pondok Ungu", "Ciracas", "Kramat Jati", "Cawang", "Kampung Melayu",
    "Duren Sawit", "Grogol", "Tomang", "Palmerah", "Kebon Jeruk", "Meruya",
    "Cipondoh", "Karawaci", "Balaraja", "Cikupa", "Pasar Kemis", "Gunung Putri",
    "Citeureup", "Cibinong", "Sawangan", "Cinere", "Lenteng Agung", "Ragunan",
    "Ujung Berung", "Cicaheum", "Sukajadi", "Ngagel", "Wonokromo", "Waru",
    "Pandaan", "Ungaran", "Kartasura", "Depok Sleman", "Seturan", "Kotagede",
]
W["road"] = [
    "Jalan Raya Bekasi", "tol Japek", "Jalan Kalimalang", "Jalan Pemuda",
    "Jalan Diponegoro", "Jalan Gajah Mada", "bundaran HI", "Jalan Juanda",
    "tol JORR", "Jalan Raya Serpong", "Jalan Soekarno-Hatta", "Jalan Dr. Setiabudi",
    "Jalan Pahlawan", "simpang lima", "Jalan Basuki Rahmat", "Jalan Ring Road",
]
W["station"] = ["Manggarai", "Tanah Abang", "Cikarang", "Bekasi Timur", "Citayam",
                "Bojong Gede", "Parung Panjang", "Serpong", "Tebet", "Pasar Senen",
                "Juanda", "Kampung Bandan", "Jatinegara", "Cilebut"]
W["food"] = [
    "nasi goreng kambing", "bakso urat", "mie ayam ceker", "seblak level 5",
    "martabak telor", "soto lamongan", "rendang", "ketoprak", "nasi kucing",
    "sate maranggi", "es kopi susu", "nasi uduk", "ayam bakar madu", "pecel",
    "tahu gejrot", "cireng", "batagor", "empal gentong", "lontong kari",
    "mie kocok", "rujak cingur", "lalapan", "gudeg kendil", "bakmi jawa",
    "es doger", "es campur", "kwetiau goreng", "nasi bebek", "sop buntut",
    "dimsum", "roti bakar", "surabi", "pisang goreng", "bubur kacang ijo",
]
W["place"] = ["Indomaret", "Alfamart", "pasar induk", "mall", "warkop", "angkringan",
              "kantor kelurahan", "puskesmas", "masjid", "gereja", "balai desa",
              "stasiun", "terminal", "bengkel", "kampus", "kos-kosan", "SPBU"]
W["holiday_country"] = ["Thailand", "Jepang", "Korea", "Singapura", "Malaysia",
                        "Vietnam", "Turki", "Arab Saudi", "Australia"]
W["club"] = ["Persib", "Persija", "Arema", "Persebaya", "PSIS", "PSM", "Persik",
             "Bali United", "Barito Putera", "Dewa United", "Madura United",
             "Liverpool", "Man City", "Barcelona", "Juventus", "Inter"]
W["first"] = [
    "Agung", "Bagas", "Cahya", "Dodi", "Endang", "Fikri", "Galih", "Hesti",
    "Irfan", "Jihan", "Krisna", "Lukman", "Melati", "Nanda", "Oki", "Pipit",
    "Qori", "Ridwan", "Salsa", "Taufik", "Umi", "Vina", "Wawan", "Yoga",
    "Zahra", "Asep", "Ujang", "Neneng", "Cucu", "Made", "Ketut", "Nyoman",
    "Butet", "Ucok", "Tiur", "Daeng", "Andi", "Rara", "Tata", "Bima",
]
W["last"] = [
    "Prasetyo", "Widodo", "Sulistyo", "Hartono", "Kusuma", "Ramadhan",
    "Pangaribuan", "Situmorang", "Panjaitan", "Marpaung", "Daulay", "Syahputra",
    "Maulana", "Fauzi", "Hasibuan", "Tambunan", "Anwar", "Suryadi", "Wahyudi",
    "Iskandar", "Mahendra", "Adiputra", "Pakpahan", "Latuconsina", "Rumbiak",
]
W["name"] = ["{first} {last}", "{first}", "{first} {last}", "{first} {first}"]
W["title"] = ["Kapolres", "Kasat Reskrim", "Kepala Disnaker", "Kepala BP3MI",
              "Direktur Perlindungan WNI", "Kabid Humas", "Kepala Desa",
              "Camat", "Sekretaris Daerah", "Kepala Imigrasi"]
W["month"] = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
              "Agustus", "September", "Oktober", "November", "Desember"]
W["day"] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
W["school"] = ["SD", "SMP", "SMA", "SMK", "MI", "MTs", "pondok", "TK"]

# --- everyday chatter -------------------------------------------------------
W["c_open"] = [
    "Gengs", "Lur", "Sob", "Bund", "Moms", "Kak", "Dulur", "Wargi {city}",
    "Info warga {area}", "Mimin", "Yaelah", "Asli", "Serius deh", "Pokoknya",
    "Sore-sore gini", "Subuh tadi", "Pulang kerja", "Abis gajian", "Tanggal tua",
    "Malem jumat", "Jadi gini", "Update", "Nanya dong", "Tolong bantu share",
    "Selamat malam", "Assalamualaikum warga {city}", "Punten", "Nuwun sewu",
    "Alhamdulillah", "Astagfirullah", "Masya Allah", "Huhu", "Xixixi",
]
W["c_sent"] = [
    "{food} langganan di {area} sekarang harganya Rp{price}",
    "rekomendasi {food} yang enak di {city} dong",
    "{road} macet total, dari tadi cuma maju {n} meter",
    "KRL dari {station} telat {n} menit, desek-desekan kayak pepes",
    "hujan dari sore, {area} mulai tergenang",
    "listrik di {area} padam lagi, kulkas aman gak ya",
    "anak pertama masuk {school} hari ini, emaknya yang nangis",
    "{club} kalah lagi, udah lah gak usah nonton",
    "nobar {club} di {place} rame banget tadi malam",
    "harga cabai di {place} naik jadi Rp{price} sekilo",
    "gajian tanggal {dd} tapi tanggal {dd2} udah kering",
    "cicilan paylater numpuk, kapok belanja tengah malam",
    "adek ipar lagi nyari kerja, ada info loker di {city}?",
    "temen kantor resign, katanya mau buka usaha {food}",
    "tetangga baru pulang umroh, bagi-bagi kurma",
    "sepupu kerja di {holiday_country} lewat jalur resmi, katanya prosesnya panjang tapi aman",
    "liburan ke {holiday_country} pas promo tiket, hemat banget",
    "mau bikin paspor buat umroh, antri di kantor imigrasi {city}",
    "ada yang ditawarin kerja di luar negeri lewat DM? hati-hati ya itu modus",
    "temen SMP ngajak kerja di Kamboja katanya gaji gede, aku tolak aja deh",
    "nonton berita soal WNI disekap di Myanmar, serem banget",
    "ojol pesan {food} nyasar ke {area}, sabar sabar",
    "motor dicuri di depan {place}, CCTV-nya mati",
    "kucing oren nongkrong di teras tiap pagi, lucu",
    "hari ini {n} tahun nikah, suami lupa",
    "arisan RT ganti jadwal ke hari {day}",
    "nemu warung {food} murah di dekat stasiun {station}",
    "akhirnya lolos interview kerja di {city}, doain betah",
    "sudah {n} kali ditolak interview, tetap semangat",
    "bos minta lembur tiap {day}, badan remuk",
    "lagi belajar bahasa Jepang buat magang resmi lewat Disnaker",
    "nyobain kopi susu kekinian di {area}, kemanisan",
    "mertua minta dijemput di terminal jam {hour} pagi",
    "anak demam dari semalam, besok ke puskesmas",
    "lagi beresin rumah, nemu foto jaman SMA",
    "jemuran basah lagi gara-gara hujan dadakan",
    "belanja bulanan di {place} habis Rp{price}",
    "sinyal di {area} jelek banget hari ini",
    "ternyata {food} bikinan ibu tetap juara",
    "tadi ketemu artis di {place}, lupa foto",
    "main futsal sama anak kantor, kaki keseleo",
    "adik lulus {school}, mau lanjut kuliah di {city}",
    "pengumuman CPNS keluar {day} depan, deg-degan",
    "ada yang tau bengkel motor jujur di {area}?",
    "nitip doa buat bapak yang lagi dirawat di RS",
    "pagi-pagi udah dimarahin atasan, sabar",
    "kemarin gempa kecil kerasa di {city}",
    "jualan {food} online, alhamdulillah laris",
    "jalan kaki dari {station} ke kantor, lumayan olahraga",
    "hp jatuh ke got, layarnya retak",
    "ngantri tiket mudik dari jam {hour}",
    "warga {area} kerja bakti bersihin selokan hari {day}",
    "kata orang kerja di pabrik {area} enak, shift-nya teratur",
    "rumah kontrakan di {area} naik Rp{n}00 ribu per tahun",
    "malam minggu di rumah aja, nonton drakor",
    "lagi viral video kucing joget, ngakak",
    "hati-hati ada penipuan ngaku kurir paket, minta klik link",
    "capek scroll loker, semua minta pengalaman {n} tahun",
]
W["c_nonascii"] = [
    "ngopi di café {first} di {area}, latte-nya enak",
    "anak lagi demen Pokémon, tiap hari minta kartu",
    "bikin sambal pakai jalapeño, ternyata gak terlalu pedes",
    "dessert crème brûlée di {area} harganya Rp{price}, worth it",
    "playlist pagi: Beyoncé sama Rossa",
    "resep piñata buat ultah ponakan, seru",
    "baca novel Gabriel García Márquez, berat tapi bagus",
    "nonton film Amélie lagi, tetap cakep",
    "déjà vu banget liat jalan {road} ini",
    "sepatu merek Müller diskon {n}0%, langsung checkout",
    "ketemu turis dari España di {area}, ramah banget",
    "kopi naïve latte, apaan coba namanya",
    "Zoë temen kuliah baru balik dari Bogotá",
    "les bahasa Français di {city}, bonjour tout le monde",
]
W["c_end"] = [
    "wkwkwk", "awokawok", "hadeuh", "sedih", "mantul", "gaskeun", "auto skip",
    "gimana ya", "ada saran?", "share ya", "makasih", "bismillah", "aamiin",
    "capek", "gpp", "yaudah", "santuy", "gaes", "cmiiw", "fix no debat",
]
W["c_tag"] = ["#fyp", "#fypシ", "#viral", "#infowarga", "#kulinerenak", "#curhatan",
              "#macet", "#banjir", "#anakkos", "#emakemak", "#bolaindonesia",
              "#infokrl", "#wargaplus62", "#jajanan", "#mudik"]

# --- domestic job ads -------------------------------------------------------
W["co"] = ["{co_kind} {co_a} {co_b}", "{co_kind} {co_a}", "{co_kind} {co_a} {co_b}"]
W["co_kind"] = ["PT", "PT", "PT", "CV", "Toko", "Koperasi", "Klinik", "Resto", "Gudang"]
W["co_a"] = ["Sentosa", "Mulia", "Lancar", "Surya", "Sakti", "Makmur", "Harapan",
             "Cemerlang", "Gemilang", "Rejeki", "Abadi", "Kencana", "Mustika",
             "Bahari", "Perkasa", "Mandala", "Delta", "Arta", "Tirta", "Wira"]
W["co_b"] = ["Plastindo", "Textile", "Elektrindo", "Pangan Lestari", "Logistik",
             "Garmen", "Packaging", "Metalindo", "Kemasan", "Food Industri",
             "Sparepart", "Retail", "Ekspedisi", "Furnindo", "Kosmetika"]
W["jpos"] = ["operator produksi", "operator produksi", "operator produksi",
             "operator mesin", "helper produksi", "QC inspector", "admin gudang",
             "checker barang", "driver pengiriman", "kurir motor", "kasir",
             "pramuniaga", "barista", "cook helper", "staf admin", "sales canvas",
             "teknisi listrik", "security", "office boy", "packing", "operator forklift",
             "SPG", "crew outlet", "admin marketplace", "staf gudang"]
W["jpos_b"] = ["helper", "admin", "driver", "staf gudang", "kasir", "satpam"]
W["j_head"] = ["LOKER {CITY}", "LOWONGAN KERJA {co}", "Dibutuhkan segera {jpos}",
               "Info loker {area} dan sekitarnya", "[LOKER] {jpos} - {city}",
               "HIRING {JPOS}", "Lowongan kerja {month} {year}", "LOKER PABRIK {area}",
               "Dicari karyawan baru", "REKRUTMEN {co}", "Open lowongan {jpos} {city}"]
W["j_pos"] = ["Posisi: {jpos} ({n} orang)", "Dibutuhkan {jpos} untuk penempatan {area}",
              "Kami membuka posisi {jpos} dan {jpos_b}", "Formasi {jpos} pria/wanita",
              "Lowongan {jpos} shift pagi dan malam", "Penempatan: {area}, {city}"]
W["j_req_head"] = ["Syarat:", "Persyaratan:", "Kualifikasi:", "Ketentuan:"]
W["j_req"] = [
    "Pria/wanita usia {age_a}-{age_b} tahun", "Pendidikan min. {edu}",
    "Tanpa pengalaman boleh melamar", "tanpa pengalaman, akan dilatih",
    "Berpengalaman minimal {n} tahun jadi nilai plus", "Tinggi badan min. {cm} cm",
    "Tidak bertato dan tidak bertindik", "Sehat jasmani dan rohani",
    "Bersedia kerja shift", "Domisili {city} dan sekitarnya",
    "Punya SIM C dan motor sendiri", "Jujur, rajin, dan disiplin",
    "Bisa komputer dasar (Excel)", "Belum menikah diutamakan",
    "Fresh graduate dipersilakan", "Bisa bekerja dengan target",
    "Membawa surat lamaran, CV, fotokopi KTP, ijazah, SKCK",
]
W["j_ben_head"] = ["Fasilitas:", "Benefit:", "Yang didapat:"]
W["j_ben"] = ["Gaji UMK {city}", "Gaji pokok Rp{sal_dom} + lembur", "BPJS Kesehatan dan Ketenagakerjaan",
              "Uang makan harian", "Mess karyawan (khusus luar kota)", "THR",
              "Bonus kehadiran", "Jenjang karir", "Seragam kerja", "Training gratis",
              "Kontrak {n} bulan, bisa diangkat tetap", "Antar jemput karyawan"]
W["j_apply"] = [
    "Kirim CV ke {email}", "Lamaran via email {email} subjek: {JPOS}",
    "WA HRD {phone} (chat only)", "Info lanjut WA HRD: {phone}",
    "Hubungi HRD {first}: {phone}", "Walk-in interview {day} jam 08.00-11.00 di {area}",
    "Datang langsung ke kantor {co}, Jl. {co_a} No. {n}", "Daftar lewat link di bio",
    "Lamaran paling lambat {dd} {month} {year}",
]
W["j_note"] = ["GRATIS tanpa biaya apapun", "Proses rekrutmen tidak dipungut biaya",
               "Hati-hati penipuan mengatasnamakan perusahaan", "Tidak melalui calo",
               "Hanya kandidat terpilih yang dihubungi", "Bukan MLM, bukan kerja online"]
W["j_oneliner"] = [
    "Loker {jpos} {co} {area}, tanpa pengalaman, min {edu}, WA HRD {phone}",
    "Dicari {jpos} {n} orang, penempatan {city}, gaji UMK. Kirim CV {email}",
    "Info loker {area}: {jpos}, usia {age_a}-{age_b}, lulusan {edu}. Chat WA HRD {phone}",
    "Butuh cepat {jpos} buat outlet {area}, yang minat DM atau WA {phone}",
    "Lowongan {jpos} pabrik {co_b} {city}, walk-in interview hari {day}",
]
W["j_legal"] = [
    "Program G to G Korea (EPS-TOPIK) dibuka lewat BP2MI, pendaftaran gratis",
    "Penempatan resmi ke Jepang (Tokutei Ginou) via P3MI terdaftar Kemnaker, cek di SISKOP2MI",
    "Magang ke Jepang lewat Disnaker {city}, seleksi terbuka dan tanpa biaya",
    "Rekrutmen caregiver resmi ke Taiwan, P3MI berizin, ada pelatihan BLK",
]
W["edu"] = ["SMA/SMK", "SMP", "SMA sederajat", "SMK", "D3", "S1 semua jurusan", "SMK Teknik"]
W["j_tag"] = ["#lokerjakarta", "#lokerbekasi", "#lokercikarang", "#infoloker", "#lowongankerja",
              "#lokerpabrik", "#lokerterbaru", "#lokersurabaya", "#lokerbandung", "#kerja"]

# --- news -------------------------------------------------------------------
W["n_src"] = ["{CITY}, Warta{kw} - ", "Kabar{kw}.id, {city} - ", "{CITY} (Kantor Berita {kw}) - ",
              "Harian {kw} | {city} -- ", "{kw}News, {city}: ", ""]
W["kw"] = ["Nusa", "Rakyat", "Pelita", "Garuda", "Merdeka", "Suara Warga", "Pos Kota", "Fokus"]
W["n_tppo"] = [
    "Polisi mengungkap jaringan perekrutan pekerja migran nonprosedural ke Kamboja yang melibatkan {n} tersangka",
    "BP2MI mengingatkan warga agar tidak tergiur tawaran kerja di luar negeri yang menjanjikan gaji belasan juta tanpa pengalaman",
    "Sebanyak {num} WNI korban TPPO dipulangkan dari Myanmar melalui Bandara Soekarno-Hatta",
    "Korban mengaku direkrut lewat media sosial dengan iming-iming gaji Rp{n}0 juta sebagai admin online",
    "Para korban dipaksa bekerja sebagai operator penipuan daring di wilayah perbatasan",
    "Kemlu mencatat peningkatan kasus WNI yang terjerat online scam di Asia Tenggara",
    "Modusnya adalah lowongan kerja dengan tiket pesawat ditanggung dan paspor dibantu agen",
    "Pelaku memberangkatkan korban melalui jalur tidak resmi tanpa dokumen kerja",
    "Tersangka dijerat Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang",
    "Pemerintah daerah {city} membentuk satgas pencegahan TPPO di tingkat desa",
    "Masyarakat diminta mengecek legalitas perusahaan penempatan melalui situs resmi pemerintah",
    "Keluarga korban melapor setelah kehilangan kontak sejak korban berangkat ke Thailand",
]
W["n_other"] = [
    "Harga beras medium di pasar {city} naik menjadi Rp{price} per kilogram",
    "Inflasi {month} tercatat {pct} persen secara bulanan",
    "Hujan deras menyebabkan banjir setinggi {n}0 sentimeter di {area}",
    "BMKG memperingatkan potensi cuaca ekstrem di {city} dalam tiga hari ke depan",
    "Dinas Perhubungan menerapkan rekayasa lalu lintas di {road}",
    "Pemkot {city} membuka {num} formasi PPPK tahun ini",
    "Disnaker {city} menggelar job fair dengan {num} lowongan dari {n}0 perusahaan",
    "{club} menang {n}-{n2} dalam laga lanjutan liga",
    "Polres {city} menangkap pelaku curanmor yang beraksi di {area}",
    "Kasus DBD di {city} meningkat menjadi {num} kasus",
    "Pemerintah menyalurkan bantuan pangan kepada {num} keluarga penerima manfaat",
    "Kebakaran melanda permukiman padat di {area}, tidak ada korban jiwa",
    "Pembangunan jalan tol ruas {city}-{city} ditargetkan rampung tahun {year}",
    "Upah minimum {city} tahun {year} ditetapkan sebesar Rp{sal_dom}",
    "Sekolah di {area} menerapkan pembelajaran daring akibat banjir",
]
W["n_quote"] = [
    "\"Jangan mudah percaya tawaran gaji besar tanpa syarat jelas,\" kata {title} {name}.",
    "\"Kami terus melakukan pendampingan kepada korban,\" ujar {name}, {title}, {day} ({dd}/{mm}/{year}).",
    "Menurut {title} {name}, penyelidikan masih berlangsung.",
    "\"Warga bisa melapor ke posko pengaduan,\" tutur {name}.",
    "{title} {name} menyebut pihaknya berkoordinasi dengan instansi terkait.",
]
W["n_tail"] = ["Baca juga: Cara Cek Lowongan Kerja Palsu", "(ed: {first})", "Simak selengkapnya.",
               "Berita terkait: {num} WNI Diselamatkan dari Perusahaan Online Scam",
               "Penulis: {name}"]

# --- recruitment-scam-like overseas job ads --------------------------------
W["s_loc"] = ["Kamboja", "Kamboja", "Kamboja", "Phnom Penh", "Sihanoukville", "Bavet",
              "Myanmar", "Myawaddy", "Laos", "Thailand", "Mae Sot", "Malaysia",
              "Vietnam", "Filipina", "Dubai", "Kamboja"]
W["s_pos"] = ["admin online", "customer service", "CS chat", "operator komputer",
              "marketing online", "admin game", "typing job", "admin media sosial",
              "telemarketing", "host live", "operator data", "admin crypto",
              "staff kantor", "kerja kantoran"]
W["s_head"] = [
    "LOWONGAN KERJA LUAR NEGERI", "LOKER {S_LOC} GAJI {sal_short}", "DIBUTUHKAN CEPAT!!",
    "Info kerja {s_loc} terbaru", "Kerja di {s_loc} gaji {sal_scam}", "URGENT butuh {n}0 orang",
    "Open recruitment {s_pos} luar negeri", "Kesempatan kerja LN, berangkat bulan ini",
    "Halo kak, lagi butuh kerjaan?", "Yang mau gaji dollar merapat", "Loker LN tanpa ribet",
]
W["s_line"] = [
    "Penempatan {s_loc}", "Posisi {s_pos}", "Gaji {sal_scam}", "Gaji {sal_scam} + bonus",
    "tanpa pengalaman", "tidak perlu pengalaman", "cukup bisa ngetik", "bisa main HP aja cukup",
    "tiket ditanggung", "tiket pesawat ditanggung perusahaan", "paspor dibantu",
    "visa diurus kantor", "mess + makan gratis", "gaji tanpa potongan", "tanpa ijazah bisa",
    "usia {age_a}-{age_b} th", "pria/wanita", "kerja {n2} jam sehari, santai di ruangan AC",
    "proses cepat, {n} hari langsung berangkat", "berangkat minggu depan", "kuota terbatas",
    "tidak ada biaya apapun, semua ditanggung", "bisa ajak teman/saudara", "kontrak {n} bulan",
    "gaji dibayar dollar", "jemput di bandara", "bonus tiap capai target", "dijamin berangkat",
    "kantor resmi dan legal 100%", "tanpa tes", "modal KTP aja",
]
W["s_contact"] = [
    "hubungi WA {phone}", "Minat? WA {phone}", "chat WA {phone} (admin {first})",
    "info lanjut wa.me/{phone_intl}", "WA/Telegram {phone}", "DM aja kak, fast respon",
    "telegram t.me/{handle}", "daftar via link bit.ly/{handle}", "hubungi {first} di {phone}",
    "japri {phone}", "Kontak: {phone}",
]
W["s_close"] = ["Serius bukan penipuan", "Rejeki jangan ditolak", "Yang serius aja",
                "Kesempatan terbatas!!!", "Siapa cepat dia dapat", "Buktikan sendiri",
                "#lokerluarnegeri #kerjakamboja", "#gajibesar #lokerln", "#kerjaonline #lokerkamboja"]
W["s_chat"] = [
    "kak mau kerja di {s_loc} gak? gaji {sal_short}, tiket ditanggung, chat {phone}",
    "ada kerjaan {s_pos} di {s_loc}, tanpa pengalaman, gaji {sal_scam}, WA {phone}",
    "temenku butuh orang buat {s_pos} di {s_loc}, semua dibiayai, minat japri",
    "lowongan {s_pos} {s_loc} gaji {sal_short} free tiket+visa, hubungi WA {phone}",
    "butuh {n}0 org kerja di {s_loc}, gaji {sal_scam}, berangkat gratis, WA {phone}",
]

# ---------------------------------------------------------------------------
# Slot functions
# ---------------------------------------------------------------------------
PREFIXES = ["0812", "0812", "0813", "0821", "0822", "0852", "0857", "0878", "0896", "0838"]


def f_phone(r):
    pre = r.choice(PREFIXES)
    tail = "%04d" % r.randrange(10000)
    x = r.random()
    if x < 0.55:
        return "%s-0000-%s" % (pre, tail)
    if x < 0.7:
        return "%s0000%s" % (pre, tail)
    if x < 0.85:
        return "%s 0000 %s" % (pre, tail)
    return "+62 %s-0000-%s" % (pre[1:], tail)


def f_phone_intl(r):
    return "62%s0000%04d" % (r.choice(PREFIXES)[1:], r.randrange(10000))


def f_sal_scam(r):
    jt = r.choice((9, 10, 12, 13, 15, 15, 15, 17, 18, 20, 25))
    usd = r.choice((700, 800, 1000, 1200, 1500, 2000))
    return r.choice(("%djt" % jt, "%d jt" % jt, "%d juta" % jt, "Rp %d.000.000" % jt,
                     "Rp%djt/bulan" % jt, "%d-%djt" % (jt, jt + 5), "$%d" % usd,
                     "%d USD" % usd, "%d juta bersih" % jt, "%djt++" % jt))


F = {
    "phone": f_phone,
    "phone_intl": f_phone_intl,
    "sal_scam": f_sal_scam,
    "sal_short": lambda r: r.choice(("%dJT" % r.choice((10, 12, 15, 15, 20, 25)),
                                     "%d JUTA" % r.choice((12, 15, 18)), "2 DIGIT",
                                     "$%d" % r.choice((800, 1000, 1500)))),
    "sal_dom": lambda r: "%d.%03d.000" % (r.randrange(2, 6), r.choice((0, 150, 300, 500, 750))),
    "email": lambda r: "%s.%s%d@%s" % (r.choice(("hrd", "rekrut", "karir", "lamaran")),
                                        r.choice(W["co_a"]).lower(), r.randrange(1, 99),
                                        r.choice(("example.com", "example.co.id", "example.org"))),
    "handle": lambda r: "%s%s%d" % (r.choice(("kerja", "loker", "info", "job", "karir")),
                                    r.choice(("ln", "asia", "resmi", "cepat", "id")), r.randrange(10, 999)),
    "n": lambda r: str(r.randrange(2, 10)),
    "n2": lambda r: str(r.randrange(0, 13)),
    "num": lambda r: str(r.randrange(11, 480)),
    "dd": lambda r: str(r.randrange(1, 29)),
    "dd2": lambda r: str(r.randrange(1, 29)),
    "mm": lambda r: "%02d" % r.randrange(1, 13),
    "year": lambda r: str(r.choice((2023, 2024, 2024, 2025))),
    "hour": lambda r: str(r.randrange(1, 12)),
    "price": lambda r: "%d.%d00" % (r.randrange(5, 95), r.randrange(0, 10)),
    "pct": lambda r: "%d,%d" % (r.randrange(0, 6), r.randrange(0, 10)),
    "age_a": lambda r: str(r.randrange(17, 21)),
    "age_b": lambda r: str(r.randrange(28, 41)),
    "cm": lambda r: str(r.randrange(150, 166)),
    "CITY": lambda r: r.choice(W["city"]).upper(),
    "S_LOC": lambda r: r.choice(W["s_loc"]).upper(),
    "JPOS": lambda r: r.choice(W["jpos"]).upper(),
}

_SLOT = re.compile(r"\{(\w+)\}")
_PARSED = {}


def _parse(t):
    parts = _SLOT.split(t)          # literal, slot, literal, slot, ...
    p = _PARSED[t] = (tuple(parts[0::2]), tuple(parts[1::2]))
    return p


def fill(r, t):
    p = _PARSED.get(t) or _parse(t)
    lits, slots = p
    if not slots:
        return t
    out = [lits[0]]
    for i, s in enumerate(slots):
        f = F.get(s)
        out.append(f(r) if f else fill(r, r.choice(W[s])))
        out.append(lits[i + 1])
    return "".join(out)


def pick(r, key):
    return fill(r, r.choice(W[key]))


# ---------------------------------------------------------------------------
# Emoji and non-ASCII decoration
# ---------------------------------------------------------------------------
EMOJI_CHAT = ["😂", "🤣", "😭", "🥲", "😅", "🙏", "🔥", "😍", "🥰", "😡", "🤔", "👍",
              "👍🏽", "🙏🏻", "💪🏾", "❤️", "☕", "🍜", "🍚", "⚽", "🌧️", "🚗", "🏍️", "🐈",
              "👨‍👩‍👧", "🤦‍♀️", "🙋‍♂️", "😴", "🤲", "✨", "💯", "🎉", "😤", "🫠", "🥹", "😎"]
EMOJI_JOB = ["📌", "✅", "📍", "📩", "📞", "💼", "🏭", "👉", "⚡", "📢", "🔔", "☑️"]
EMOJI_SCAM = ["💰", "💸", "💵", "🤑", "✈️", "🛫", "🔥", "✅", "📲", "☎️", "👇", "👉", "⚠️",
              "🚨", "⭐", "💯", "🇰🇭", "🇲🇲", "🇹🇭", "🇱🇦", "🏢", "🧳"]
EMOJI_NEWS = ["📰", "🚨", "⚠️", "📢", "🔴"]
FLAGS = {"kamboja": "🇰🇭", "phnom penh": "🇰🇭", "sihanoukville": "🇰🇭", "myanmar": "🇲🇲",
         "myawaddy": "🇲🇲", "thailand": "🇹🇭", "laos": "🇱🇦", "malaysia": "🇲🇾",
         "vietnam": "🇻🇳", "filipina": "🇵🇭", "dubai": "🇦🇪"}


def add_emoji(r, text, pool):
    k = 1 + int(r.random() * r.random() * 5)
    for _ in range(k):
        e = r.choice(pool) * (2 if r.random() < 0.15 else 1)
        x = r.random()
        if x < 0.5:
            text = text + " " + e if r.random() < 0.7 else text + e
        elif x < 0.65:
            text = e + " " + text
        else:   # after a random space
            pos = [m.start() for m in re.finditer(" ", text[:600])]
            if not pos:
                text += e
            else:
                p = r.choice(pos)
                text = text[:p] + " " + e + text[p:]
    return text


# ---------------------------------------------------------------------------
# Evasions (applied to individual words or phone numbers)
# ---------------------------------------------------------------------------
TARGETS = re.compile(
    r"(?i)(kerja|loker|lowongan|gaji|kamboja|myanmar|thailand|phnom penh|tiket|paspor|"
    r"visa|admin|ditanggung|pengalaman|hubungi|whatsapp|telegram|luar negeri|berangkat|"
    r"juta|jt|dollar|gratis|operator|online|wa)")
PHONE_RE = re.compile(r"(?:\+62 |0)8\d{2}[- ]?0000[- ]?\d{4}")
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "g": "9", "b": "8"}
CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
       "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "M": "М", "T": "Т",
       "H": "Н", "B": "В", "j": "ј"}
INVIS = ["\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]
ACC = {"a": "áàâä", "e": "éèê", "i": "íì", "o": "óô", "u": "úü"}
INWORD_EMOJI = ["💰", "💵", "✈️", "🔥", "⭐", "💸", "✅", "🤑"]


def _leet(r, w):
    out = [LEET[c.lower()] if c.lower() in LEET and r.random() < 0.6 else c for c in w]
    if out == list(w):
        for i, c in enumerate(w):
            if c.lower() in LEET:
                out[i] = LEET[c.lower()]
                break
    return "".join(out)


def _spaced(r, w):
    return r.choice((" ", " ", " ", ".", "-", "_", "*", " . ")).join(w)


def _fullwidth(r, w):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in w)


def _cyrillic(r, w):
    out = [CYR[c] if c in CYR and r.random() < 0.6 else c for c in w]
    if out == list(w):
        for i, c in enumerate(w):
            if c in CYR:
                out[i] = CYR[c]
                break
    return "".join(out)


def _invisible(r, w):
    if len(w) < 2:
        return w
    cs = list(w)
    for _ in range(1 + (r.random() < 0.3)):
        cs.insert(r.randrange(1, len(cs)), r.choice(INVIS))
    return "".join(cs)


def _emoji_in(r, w):
    if len(w) < 2:
        return w + r.choice(INWORD_EMOJI)
    p = r.randrange(1, len(w))
    return w[:p] + r.choice(INWORD_EMOJI) + w[p:]


def _accent(r, w):
    out = [r.choice(ACC[c]) if c in ACC and r.random() < 0.5 else c for c in w]
    if r.random() < 0.3:   # decomposed variant: base letter + combining acute
        out = [c + "\u0301" if c in "aeiou" and r.random() < 0.4 else c for c in w]
    return "".join(out)


def _mixcase(r, w):
    return "".join(c.upper() if r.random() < 0.5 else c.lower() for c in w)


WORD_EVASIONS = [(_leet, 22), (_spaced, 16), (_fullwidth, 10), (_cyrillic, 14),
                 (_invisible, 14), (_emoji_in, 9), (_accent, 6), (_mixcase, 9)]
_EV_FUNCS = [f for f, w in WORD_EVASIONS for _ in range(w)]


def _phone_evade(r, ph):
    x = r.random()
    if x < 0.25:
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in ph)
    if x < 0.45:
        return ph.replace("0", "O")
    if x < 0.6:
        return " ".join(c for c in ph if c.isdigit() or c == "+")
    if x < 0.75:
        return "".join(c + "\ufe0f\u20e3" if c.isdigit() else c for c in ph)   # keycap digits
    if x < 0.9:
        return ph.replace("-", ".").replace(" ", ".")
    return ph.replace("0000", "nol nol nol nol")


def evade(r, text, stats):
    matches = list(TARGETS.finditer(text[:1100]))
    k = 1 + int(r.random() * 3)
    if matches:
        chosen = sorted(r.sample(matches, min(k, len(matches))), key=lambda m: -m.start())
        for m in chosen:
            f = r.choice(_EV_FUNCS)
            stats[f.__name__] = stats.get(f.__name__, 0) + 1
            text = text[:m.start()] + f(r, m.group(0)) + text[m.end():]
    if r.random() < 0.35:
        pm = PHONE_RE.search(text)
        if pm:
            stats["_phone"] = stats.get("_phone", 0) + 1
            text = text[:pm.start()] + _phone_evade(r, pm.group(0)) + text[pm.end():]
    if r.random() < 0.3:
        low = text.lower()
        for name, flag in FLAGS.items():
            i = low.find(name)
            if i >= 0:
                stats["_flag"] = stats.get("_flag", 0) + 1
                rep = flag if r.random() < 0.5 else text[i:i + len(name)] + " " + flag
                text = text[:i] + rep + text[i + len(name):]
                break
    return text


# ---------------------------------------------------------------------------
# Post builders: each returns text of roughly `target` code points
# ---------------------------------------------------------------------------
SEPS = [". ", ". ", ". ", ", ", ", ", " ", "! ", "... ", "\n", " - ", "?! ", " | "]


def _cap(s):
    return s[:1].upper() + s[1:] if s else s


def post_chatter(r, target):
    parts = []
    if r.random() < 0.45:
        parts.append(pick(r, "c_open") + r.choice((", ", " ", "... ", "!! ")))
    first = True
    n = 0
    while n < 40 and (first or sum(map(len, parts)) < target):
        if r.random() < 0.012:
            s = pick(r, "c_nonascii")
        else:
            s = pick(r, "c_sent")
        if first or r.random() < 0.5:
            s = _cap(s)
        parts.append(s + r.choice(SEPS))
        first = False
        n += 1
    if r.random() < 0.4:
        parts.append(pick(r, "c_end"))
    if r.random() < 0.25:
        parts.append(" " + " ".join(r.choice(W["c_tag"]) for _ in range(1 + r.randrange(3))))
    return "".join(parts).strip()


def post_job(r, target):
    if target < 140 or r.random() < 0.12:
        return pick(r, "j_oneliner")
    if r.random() < 0.06:
        lines = [pick(r, "j_legal"), pick(r, "j_req"), pick(r, "j_apply"), pick(r, "j_note")]
        return "\n".join(lines)
    bullet = r.choice(("- ", "• ", "* ", "> ", "", "", "✓ "))
    sep = "\n" if r.random() < 0.8 else " | "
    head = [pick(r, "j_head"), pick(r, "j_pos")]
    tail = [pick(r, "j_apply")]
    if r.random() < 0.5:
        tail.append(pick(r, "j_note"))
    if r.random() < 0.3:
        tail.append(" ".join(r.sample(W["j_tag"], 2)))
    body = []
    budget = target - sum(len(x) + 1 for x in head + tail)
    reqs = r.sample(W["j_req"], 10)
    bens = r.sample(W["j_ben"], 8)
    if budget > 0:
        body.append(r.choice(W["j_req_head"]))
        for q in reqs:
            if budget <= 0:
                break
            s = bullet + fill(r, q)
            body.append(s)
            budget -= len(s) + 1
    if budget > 40:
        body.append(r.choice(W["j_ben_head"]))
        for b in bens:
            if budget <= 0:
                break
            s = bullet + fill(r, b)
            body.append(s)
            budget -= len(s) + 1
    return sep.join(head + body + tail)


def post_news(r, target):
    tppo = r.random() < 0.35
    src = pick(r, "n_src")
    key = "n_tppo" if tppo else "n_other"
    sents = [pick(r, key)]
    n = 0
    while len(src) + sum(len(s) + 2 for s in sents) < target and n < 20:
        x = r.random()
        if x < 0.25:
            sents.append(pick(r, "n_quote"))
        else:
            sents.append(pick(r, key if r.random() < 0.8 else "n_other"))
        n += 1
    text = src + ". ".join(_cap(s.rstrip(".")) for s in sents) + "."
    if r.random() < 0.3:
        text += (" " if r.random() < 0.5 else "\n") + pick(r, "n_tail")
    return text


def post_scam(r, target):
    if target < 150 or r.random() < 0.25:
        return _cap(pick(r, "s_chat"))
    bullet = r.choice(("", "- ", "✅ ", "👉 ", "• ", "💰 ", "☑️ "))
    sep = "\n" if r.random() < 0.7 else r.choice((" ", ", ", " | "))
    head = [pick(r, "s_head")]
    tail = [pick(r, "s_contact")]
    if r.random() < 0.5:
        tail.append(pick(r, "s_close"))
    lines = r.sample(W["s_line"], 22)
    # the usual lure: location, pay, no experience, ticket
    core = ["Penempatan {s_loc}", "Gaji {sal_scam}", "tanpa pengalaman", "tiket ditanggung"]
    body = [bullet + fill(r, c) for c in core if r.random() < 0.7]
    budget = target - sum(len(x) + 1 for x in head + tail + body)
    for ln in lines:
        if budget <= 0:
            break
        s = bullet + fill(r, ln)
        body.append(s)
        budget -= len(s) + 1
    return sep.join(head + body + tail)


# kind, share, builder, emoji probability, evasion probability
KINDS = [
    ("chatter", 0.500, post_chatter, 0.68, 0.015),
    ("job",     0.220, post_job,     0.55, 0.05),
    ("news",    0.215, post_news,    0.14, 0.005),
    ("scam",    0.065, post_scam,    0.90, 0.45),
]
EMOJI_POOLS = {"chatter": EMOJI_CHAT, "job": EMOJI_JOB, "news": EMOJI_NEWS, "scam": EMOJI_SCAM}


def clamp(r, text, pool):
    if len(text) > 1200:
        cut = text.rfind(" ", 900, 1200)
        text = text[:cut if cut > 0 else 1200].rstrip()
        # never leave a lone surrogate-free-but-broken ZWJ/regional-indicator tail
        while text and (text[-1] in "\u200d\ufe0f" or "\U0001F1E6" <= text[-1] <= "\U0001F1FF"):
            text = text[:-1]
    while len(text) < 40:
        text += " " + r.choice(W["c_end"] + W["c_tag"])
    return text


def make_post(r, stats):
    x = r.random()
    acc = 0.0
    for kind, share, build, p_emoji, p_ev in KINDS:
        acc += share
        if x < acc:
            break
    # log-normal target length, median ~222 code points (output median ~250)
    target = int(math.exp(math.log(222) + 0.62 * (r.random() + r.random() + r.random() - 1.5) * 2))
    target = max(40, min(1200, target))
    text = build(r, target)
    if r.random() < p_emoji:
        text = add_emoji(r, text, EMOJI_POOLS[kind] if r.random() < 0.8 else EMOJI_CHAT)
    evaded = r.random() < p_ev
    if evaded:
        text = evade(r, text, stats)
    text = clamp(r, text, EMOJI_POOLS[kind])
    return kind, evaded, text


EMOJI_RE = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u20E3\U0001F1E6-\U0001F1FF]")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=64, help="target size in 10^6 bytes (default 64)")
    ap.add_argument("--posts", type=int, default=0, help="write exactly N posts instead (overrides --mb)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", default="-", help="output file (default stdout)")
    ap.add_argument("--stats", action="store_true", help="print mix/length statistics to stderr")
    a = ap.parse_args()

    r = random.Random(a.seed)
    limit = int(a.mb * 1_000_000)
    out = sys.stdout.buffer if a.out == "-" else open(a.out, "wb")
    stats, kinds, lens = {}, {}, []
    n_emoji = n_nonascii_letter = n_evaded = 0
    total, i, buf = 0, 0, []
    dumps = json.dumps
    while (a.posts and i < a.posts) or (not a.posts and total < limit):
        i += 1
        kind, evaded, text = make_post(r, stats)
        rec = {"id": "p%08d" % i, "text": text}
        line = (dumps(rec, ensure_ascii=(r.random() < 0.03)) + "\n").encode("utf-8")
        total += len(line)
        buf.append(line)
        if len(buf) >= 4096:
            out.write(b"".join(buf))
            buf.clear()
        if a.stats:
            kinds[kind] = kinds.get(kind, 0) + 1
            lens.append(len(text))
            n_evaded += evaded
            n_emoji += bool(EMOJI_RE.search(text))
            n_nonascii_letter += any(c.isalpha() and ord(c) > 127 for c in text)
    out.write(b"".join(buf))
    out.flush()
    if out is not sys.stdout.buffer:
        out.close()
    if a.stats:
        lens.sort()
        n = len(lens)
        sys.stderr.write("posts %d, bytes %d (%.1f MB)\n" % (n, total, total / 1e6))
        sys.stderr.write("mix: %s\n" % ", ".join("%s %.1f%%" % (k, 100 * v / n) for k, v in sorted(kinds.items())))
        sys.stderr.write("length (code points): min %d, p10 %d, median %d, p90 %d, max %d\n" % (
            lens[0], lens[n // 10], lens[n // 2], lens[9 * n // 10], lens[-1]))
        sys.stderr.write("with emoji %.1f%%, with non-ASCII letters %.1f%%, evaded %.1f%%\n" % (
            100 * n_emoji / n, 100 * n_nonascii_letter / n, 100 * n_evaded / n))
        sys.stderr.write("evasions applied: %s\n" % ", ".join("%s=%d" % kv for kv in sorted(stats.items())))


if __name__ == "__main__":
    main()
