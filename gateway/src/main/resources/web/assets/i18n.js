// Indonesian and English texts of every page, and the language switch. Indonesian is the default when the
// browser prefers it; a choice made with the language button is remembered in localStorage.

const STORAGE_KEY = 'portal.lang';
const SUPPORTED = ['id', 'en'];

const MESSAGES = {
  id: {
    'lang.switch': 'English',
    'skip': 'Langsung ke isi',
    'lang.switch.label': 'Switch to English',
    'app.title': 'Portal Layanan',
    'nav.account': 'Akun saya',
    'nav.console': 'Konsol keamanan',
    'nav.signout': 'Keluar',
    'nav.signin': 'Masuk',

    'signin.heading': 'Masuk ke portal',
    'signin.identifier': 'Nama pengguna, e-mail, NIK atau NPP',
    'signin.identifier.hint': 'NIK: Nomor Induk Kependudukan, 16 angka. NPP: Nomor Pendaftaran Perusahaan.',
    'signin.password': 'Kata sandi',
    'signin.submit': 'Masuk',
    'signin.forgot': 'Lupa kata sandi?',
    'signin.busy': 'Sedang masuk…',
    'signin.done': 'Berhasil masuk.',

    'code.heading': 'Kode verifikasi',
    'code.sent.email': 'Kami mengirim kode verifikasi ke e-mail {destination}. Kode berlaku {minutes} menit.',
    'code.sent.sms': 'Kami mengirim kode verifikasi lewat SMS ke {destination}. Kode berlaku {minutes} menit.',
    'code.sent.totp': 'Masukkan kode dari aplikasi autentikator Anda, atau salah satu kode pemulihan.',
    'code.label': 'Kode verifikasi',
    'code.submit': 'Verifikasi',
    'code.resend': 'Kirim ulang kode',
    'code.resend.wait': 'Kirim ulang dalam {seconds} detik',
    'code.resent': 'Kode baru telah dikirim. Sisa kirim ulang: {left}.',
    'code.back': 'Kembali',
    'code.wrong': 'Kode salah. Sisa percobaan: {left}.',

    'forgot.heading': 'Lupa kata sandi',
    'forgot.intro': 'Masukkan nama pengguna, e-mail, NIK atau NPP Anda. Jika akun ditemukan, kami mengirim tautan ke e-mailnya atau kode lewat SMS ke nomor teleponnya, sesuai pilihan Anda, asalkan sudah terverifikasi.',
    'forgot.channel': 'Kirim lewat',
    'forgot.channel.email': 'Tautan lewat e-mail',
    'forgot.channel.sms': 'Kode lewat SMS',
    'forgot.submit': 'Kirim tautan',
    'forgot.submit.sms': 'Kirim kode',
    'forgot.sent': 'Jika akun tersebut ada, tautan untuk mengatur ulang kata sandi telah dikirim. Periksa kotak masuk Anda.',
    'forgot.sms.sent': 'Jika akun tersebut ada dan nomor teleponnya sudah terverifikasi, kami mengirim kode lewat SMS. Masukkan kode itu beserta kata sandi baru Anda.',
    'forgot.sms.expired': 'Kode sudah kedaluwarsa atau terlalu banyak salah. Minta kode baru.',
    'forgot.sms.again': 'Kirim kode baru',
    'forgot.sms.again.wait': 'Kirim kode baru ({seconds} d)',
    'forgot.sms.again.sent': 'Jika akun tersebut ada, kode baru sedang dikirim lewat SMS. Gunakan kode terbaru.',

    'locked.temporary': 'Akun Anda terkunci sementara. Coba lagi setelah {time}.',
    'locked.permanent': 'Akun Anda terkunci. Atur ulang kata sandi Anda atau hubungi layanan bantuan.',

    'reset.heading': 'Atur ulang kata sandi',
    'reset.new': 'Kata sandi baru',
    'reset.confirm': 'Ulangi kata sandi baru',
    'reset.hint': 'Paling sedikit 12 karakter. Boleh berupa kalimat. Jangan memakai nama pengguna atau e-mail Anda.',
    'reset.second': 'Kode autentikator atau kode pemulihan',
    'reset.second.needed': 'Akun ini memakai aplikasi autentikator: masukkan kodenya atau salah satu kode pemulihan.',
    'reset.submit': 'Simpan kata sandi baru',
    'reset.mismatch': 'Kedua kata sandi tidak sama.',
    'reset.done': 'Kata sandi Anda sudah diganti. Semua sesi lama telah diakhiri.',
    'reset.no.token': 'Tautan ini tidak lengkap. Minta tautan baru lewat "Lupa kata sandi?".',
    'reset.signin': 'Masuk dengan kata sandi baru',
    'reset.done.signin': 'Kata sandi Anda sudah diganti dan semua sesi lama telah diakhiri. Masuk dengan kata sandi baru.',

    'verify.heading': 'Verifikasi e-mail',
    'verify.intro': 'Tekan tombol di bawah untuk memastikan alamat e-mail ini milik Anda.',
    'verify.submit': 'Verifikasi e-mail saya',
    'verify.done': 'Alamat e-mail Anda sudah terverifikasi.',
    'verify.no.token': 'Tautan verifikasi ini tidak lengkap.',

    'policy.too-short': 'Kata sandi terlalu pendek: paling sedikit 12 karakter.',
    'policy.too-long': 'Kata sandi terlalu panjang: paling banyak 128 karakter.',
    'policy.common': 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.',
    'policy.contains-username': 'Kata sandi tidak boleh memuat nama pengguna Anda.',
    'policy.contains-email': 'Kata sandi tidak boleh memuat bagian depan alamat e-mail Anda.',

    'account.heading': 'Akun saya',
    'account.signed.in.as': 'Masuk sebagai {name}',
    'activity.heading': 'Aktivitas terbaru',
    'activity.empty': 'Belum ada aktivitas.',
    'activity.this.session': 'sesi ini',
    'activity.by.administrator': 'oleh petugas layanan bantuan',
    'sessions.heading': 'Sesi Anda',
    'sessions.revoke.others': 'Keluar dari semua perangkat lain',
    'sessions.revoke': 'Akhiri sesi',
    'sessions.current': 'perangkat ini',
    'sessions.others.done': 'Semua sesi lain telah diakhiri.',
    'sessions.one.done': 'Sesi telah diakhiri.',
    'sessions.empty': 'Tidak ada sesi lain.',
    'col.time': 'Waktu',
    'col.event': 'Kejadian',
    'col.result': 'Hasil',
    'col.ip': 'Alamat IP',
    'col.device': 'Perangkat',
    'col.started': 'Mulai',
    'col.last.seen': 'Terakhir aktif',
    'col.action': 'Tindakan',
    'col.account': 'Akun',
    'col.identifier': 'Jenis pengenal',
    'col.failures': 'Gagal',

    'mfa.heading': 'Verifikasi dua langkah',
    'mfa.current': 'Metode sekarang: {method}',
    'mfa.method.none': 'tidak ada',
    'mfa.method.email': 'kode lewat e-mail',
    'mfa.method.sms': 'kode lewat SMS',
    'mfa.method.totp': 'aplikasi autentikator',
    'mfa.recovery.left': 'Sisa kode pemulihan: {left}',
    'mfa.email.unverified': 'E-mail Anda belum terverifikasi; kode dan tautan tidak dapat dikirim ke sana.',
    'mfa.email.send': 'Kirim tautan verifikasi',
    'mfa.email.sent': 'Tautan verifikasi telah dikirim ke e-mail Anda.',
    'mfa.change.heading': 'Ganti metode',
    'mfa.change.method': 'Metode baru',
    'mfa.change.password': 'Kata sandi saat ini',
    'mfa.change.code': 'Kode verifikasi',
    'mfa.change.send.code': 'Kirim kode ke metode sekarang',
    'mfa.change.code.sent': 'Kode telah dikirim. Masukkan di atas.',
    'mfa.change.code.needed': 'Buktikan dulu dengan kode dari metode Anda sekarang.',
    'mfa.change.submit': 'Simpan metode',
    'mfa.proof.code.app': 'Masukkan kode yang sekarang tampil di aplikasi autentikator Anda, atau salah satu kode pemulihan.',
    'mfa.proof.code.sent': 'Tekan tombol di bawah untuk menerima kode lewat metode Anda sekarang, lalu masukkan kodenya.',
    'mfa.proof.password.needed': 'Buktikan dulu dengan kata sandi Anda saat ini.',
    'mfa.change.done': 'Metode verifikasi diganti: {method}.',
    'mfa.totp.heading': 'Aplikasi autentikator',
    'mfa.totp.start': 'Siapkan aplikasi autentikator',
    'mfa.totp.proof': 'Buktikan dulu bahwa ini Anda: dengan kata sandi jika belum ada verifikasi dua langkah, atau dengan kode dari metode Anda sekarang.',
    'mfa.totp.scan': 'Pindai kode QR ini dengan aplikasi autentikator, atau masukkan kunci di bawahnya.',
    'mfa.totp.qr': 'Kode QR untuk aplikasi autentikator',
    'mfa.totp.secret': 'Kunci',
    'mfa.totp.code': 'Kode dari aplikasi',
    'mfa.totp.confirm': 'Aktifkan',
    'mfa.totp.done': 'Aplikasi autentikator aktif.',
    'mfa.recovery.heading': 'Kode pemulihan',
    'mfa.recovery.intro': 'Simpan kode-kode ini di tempat aman. Setiap kode hanya bisa dipakai sekali, dan hanya ditampilkan sekarang.',

    'password.heading': 'Ganti kata sandi',
    'password.current': 'Kata sandi saat ini',
    'password.new': 'Kata sandi baru',
    'password.confirm': 'Ulangi kata sandi baru',
    'password.others': 'Keluarkan juga semua perangkat lain',
    'password.submit': 'Ganti kata sandi',
    'password.done': 'Kata sandi Anda sudah diganti.',

    'console.heading': 'Konsol keamanan',
    'console.forbidden': 'Halaman ini hanya untuk tim keamanan dan administrator.',
    'stream.heading': 'Aktivitas masuk langsung',
    'stream.connecting': 'Menyambung…',
    'stream.live': 'Tersambung: kejadian baru muncul di tabel.',
    'stream.reconnecting': 'Sambungan terputus; menyambung ulang…',
    'stream.paused': 'Dijeda.',
    'stream.pause': 'Jeda',
    'stream.resume': 'Lanjutkan',
    'stream.clear': 'Kosongkan tabel',
    'filters.heading': 'Saring',
    'filters.identifier': 'Pengenal akun',
    'filters.account': 'ID akun',
    'filters.ip': 'IP atau CIDR',
    'filters.type': 'Jenis kejadian',
    'filters.outcome': 'Hasil',
    'filters.any': 'semua',
    'filters.apply': 'Terapkan',
    'summary.heading': 'Ringkasan 15 menit terakhir',
    'summary.refresh': 'Muat ulang',
    'summary.failures': 'Gagal masuk',
    'summary.successes': 'Berhasil masuk',
    'summary.ratio': 'Rasio gagal',
    'summary.locks': 'Akun terkunci',
    'summary.throttled': 'IP dibatasi',
    'summary.top.ips': 'IP dengan kegagalan terbanyak',
    'summary.top.accounts': 'Akun dengan kegagalan terbanyak',
    'summary.none': 'tidak ada',
    'lookup.heading': 'Cari akun',
    'lookup.identifier': 'Nama pengguna, e-mail, NIK, NPP atau ID akun',
    'lookup.submit': 'Cari',
    'lookup.not.found': 'Tidak ada kejadian untuk pengenal itu, jadi akunnya tidak ditemukan.',
    'lookup.account': 'ID akun',
    'lookup.state': 'Status kunci',
    'lookup.unlocked': 'tidak terkunci',
    'lookup.locked.until': 'terkunci sampai {time}',
    'lookup.locked.permanent': 'terkunci permanen',
    'lookup.failures': 'Kegagalan dalam jendela',
    'lookup.locks24h': 'Penguncian (24 jam)',
    'lookup.unlock': 'Buka kunci',
    'lookup.revoke': 'Akhiri semua sesi',
    'lookup.unlock.requested': 'Permintaan buka kunci tercatat.',
    'lookup.unlocked.done': 'Akun sudah tidak terkunci.',
    'lookup.revoked': 'Semua sesi akun ini telah diakhiri.',

    'result.success': 'berhasil',
    'result.failure': 'gagal',
    'result.rejected': 'ditolak',
    'reason.bad_credentials': 'kata sandi salah',
    'reason.bad_code': 'kode salah',
    'reason.locked': 'terkunci',
    'reason.throttled': 'dibatasi',
    'reason.account_disabled': 'akun dinonaktifkan',
    'reason.mfa_required': 'perlu kode',
    'reason.unknown_identifier': 'pengenal tidak dikenal',
    'reason.unverified': 'belum terverifikasi',
    'event.login.succeeded': 'Berhasil masuk',
    'event.login.failed': 'Gagal masuk',
    'event.login.rejected': 'Masuk ditolak',
    'event.login.mfa_required': 'Kode verifikasi diminta',
    'event.account.locked': 'Akun terkunci',
    'event.account.unlocked': 'Kunci akun dibuka',
    'event.account.registered': 'Akun didaftarkan',
    'event.session.created': 'Sesi dimulai',
    'event.session.revoked': 'Sesi diakhiri',
    'event.mfa.code_sent': 'Kode dikirim',
    'event.mfa.code_refused': 'Kode tidak dikirim: terlalu banyak kode',
    'event.mfa.method_changed': 'Metode verifikasi diganti',
    'event.password.changed': 'Kata sandi diganti',
    'event.password.reset_requested': 'Atur ulang kata sandi diminta',
    'event.account.email_verified': 'E-mail terverifikasi',

    'problem.invalid-credentials': 'Pengenal atau kata sandi salah.',
    'problem.account-disabled': 'Akun ini dinonaktifkan. Hubungi layanan bantuan.',
    'problem.rate-limited': 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
    'problem.rate-limited.wait': 'Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.',
    'problem.invalid-code': 'Kode salah.',
    'problem.challenge-expired': 'Kode sudah kedaluwarsa atau terlalu banyak salah. Silakan masuk lagi.',
    'problem.invalid-token': 'Tautan tidak valid atau sudah kedaluwarsa. Minta tautan baru.',
    'problem.validation-failed': 'Periksa isian Anda.',
    'problem.unauthorized': 'Sesi Anda sudah berakhir. Silakan masuk lagi.',
    'problem.session-expired': 'Sesi Anda sudah berakhir. Silakan masuk lagi.',
    'problem.forbidden': 'Anda tidak berhak melakukan ini.',
    'problem.step-up-required': 'Buktikan dulu bahwa ini Anda.',
    'problem.email-not-verified': 'Alamat e-mail belum terverifikasi.',
    'problem.unavailable': 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
    'problem.overloaded': 'Layanan sedang sibuk. Coba lagi sebentar lagi.',
    'problem.network': 'Tidak dapat terhubung ke server. Periksa sambungan Anda.',
    'problem.generic': 'Terjadi kesalahan. Coba lagi.',
  },
  en: {
    'lang.switch': 'Bahasa Indonesia',
    'skip': 'Skip to the content',
    'lang.switch.label': 'Ganti ke Bahasa Indonesia',
    'app.title': 'Service Portal',
    'nav.account': 'My account',
    'nav.console': 'Security console',
    'nav.signout': 'Sign out',
    'nav.signin': 'Sign in',

    'signin.heading': 'Sign in to the portal',
    'signin.identifier': 'Username, e-mail, NIK or employer number',
    'signin.identifier.hint': 'NIK: national ID number, 16 digits. NPP: employer registration number.',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.forgot': 'Forgot password?',
    'signin.busy': 'Signing in…',
    'signin.done': 'Signed in.',

    'code.heading': 'Verification code',
    'code.sent.email': 'We sent a verification code to the e-mail {destination}. It is valid for {minutes} minutes.',
    'code.sent.sms': 'We sent a verification code by SMS to {destination}. It is valid for {minutes} minutes.',
    'code.sent.totp': 'Enter the code from your authenticator app, or one of your recovery codes.',
    'code.label': 'Verification code',
    'code.submit': 'Verify',
    'code.resend': 'Send the code again',
    'code.resend.wait': 'Send again in {seconds} s',
    'code.resent': 'A new code is on its way. Resends left: {left}.',
    'code.back': 'Back',
    'code.wrong': 'Wrong code. Attempts left: {left}.',

    'forgot.heading': 'Forgot password',
    'forgot.intro': 'Enter your username, e-mail, NIK or employer number. If the account exists, we send a link to its e-mail or a code by SMS to its phone, as you choose, provided that contact is verified.',
    'forgot.channel': 'Send by',
    'forgot.channel.email': 'Link by e-mail',
    'forgot.channel.sms': 'Code by SMS',
    'forgot.submit': 'Send the link',
    'forgot.submit.sms': 'Send the code',
    'forgot.sent': 'If that account exists, a link to reset the password is on its way. Check your inbox.',
    'forgot.sms.sent': 'If that account exists and its phone number is verified, a code is on its way by SMS. Enter it with your new password.',
    'forgot.sms.expired': 'The code has expired or was entered wrongly too often. Ask for a new one.',
    'forgot.sms.again': 'Send a new code',
    'forgot.sms.again.wait': 'Send a new code ({seconds} s)',
    'forgot.sms.again.sent': 'If that account exists, a new code is on its way by SMS. Use the newest code.',

    'locked.temporary': 'Your account is temporarily locked. Try again after {time}.',
    'locked.permanent': 'Your account is locked. Reset your password or contact support.',

    'reset.heading': 'Set a new password',
    'reset.new': 'New password',
    'reset.confirm': 'Repeat the new password',
    'reset.hint': 'At least 12 characters. A sentence is fine. Do not use your username or e-mail.',
    'reset.second': 'Authenticator code or recovery code',
    'reset.second.needed': 'This account uses an authenticator app: enter its code or one of your recovery codes.',
    'reset.submit': 'Save the new password',
    'reset.mismatch': 'The two passwords differ.',
    'reset.done': 'Your password has been changed. Every old session has been ended.',
    'reset.no.token': 'This link is incomplete. Ask for a new one with "Forgot password?".',
    'reset.signin': 'Sign in with the new password',
    'reset.done.signin': 'Your password has been changed and every old session has been ended. Sign in with the new password.',

    'verify.heading': 'Verify your e-mail',
    'verify.intro': 'Press the button below to confirm this e-mail address is yours.',
    'verify.submit': 'Verify my e-mail',
    'verify.done': 'Your e-mail address is verified.',
    'verify.no.token': 'This verification link is incomplete.',

    'policy.too-short': 'The password is too short: at least 12 characters.',
    'policy.too-long': 'The password is too long: at most 128 characters.',
    'policy.common': 'This password is too common and easy to guess. Choose another.',
    'policy.contains-username': 'The password must not contain your username.',
    'policy.contains-email': 'The password must not contain the first part of your e-mail address.',

    'account.heading': 'My account',
    'account.signed.in.as': 'Signed in as {name}',
    'activity.heading': 'Recent activity',
    'activity.empty': 'No activity yet.',
    'activity.this.session': 'this session',
    'activity.by.administrator': 'by support staff',
    'sessions.heading': 'Your sessions',
    'sessions.revoke.others': 'Sign out of all other devices',
    'sessions.revoke': 'End session',
    'sessions.current': 'this device',
    'sessions.others.done': 'Every other session has been ended.',
    'sessions.one.done': 'The session has been ended.',
    'sessions.empty': 'No other sessions.',
    'col.time': 'Time',
    'col.event': 'Event',
    'col.result': 'Result',
    'col.ip': 'IP address',
    'col.device': 'Device',
    'col.started': 'Started',
    'col.last.seen': 'Last seen',
    'col.action': 'Action',
    'col.account': 'Account',
    'col.identifier': 'Identifier kind',
    'col.failures': 'Failures',

    'mfa.heading': 'Two-step verification',
    'mfa.current': 'Current method: {method}',
    'mfa.method.none': 'none',
    'mfa.method.email': 'code by e-mail',
    'mfa.method.sms': 'code by SMS',
    'mfa.method.totp': 'authenticator app',
    'mfa.recovery.left': 'Recovery codes left: {left}',
    'mfa.email.unverified': 'Your e-mail is not verified yet; codes and links cannot be sent there.',
    'mfa.email.send': 'Send a verification link',
    'mfa.email.sent': 'A verification link is on its way to your e-mail.',
    'mfa.change.heading': 'Change method',
    'mfa.change.method': 'New method',
    'mfa.change.password': 'Current password',
    'mfa.change.code': 'Verification code',
    'mfa.change.send.code': 'Send a code to the current method',
    'mfa.change.code.sent': 'A code is on its way. Enter it above.',
    'mfa.change.code.needed': 'First prove it is you with a code from your current method.',
    'mfa.change.submit': 'Save method',
    'mfa.proof.code.app': 'Enter the code your authenticator app shows now, or one of your recovery codes.',
    'mfa.proof.code.sent': 'Press the button below to get a code by your current method, then enter it.',
    'mfa.proof.password.needed': 'First confirm with your current password.',
    'mfa.change.done': 'Verification method changed: {method}.',
    'mfa.totp.heading': 'Authenticator app',
    'mfa.totp.start': 'Set up an authenticator app',
    'mfa.totp.proof': 'First confirm it is you: with your password while two-step verification is off, else with a code from your current method.',
    'mfa.totp.scan': 'Scan this QR code with your authenticator app, or type the key below it.',
    'mfa.totp.qr': 'QR code for the authenticator app',
    'mfa.totp.secret': 'Key',
    'mfa.totp.code': 'Code from the app',
    'mfa.totp.confirm': 'Turn on',
    'mfa.totp.done': 'The authenticator app is on.',
    'mfa.recovery.heading': 'Recovery codes',
    'mfa.recovery.intro': 'Keep these codes somewhere safe. Each works once, and they are shown only now.',

    'password.heading': 'Change password',
    'password.current': 'Current password',
    'password.new': 'New password',
    'password.confirm': 'Repeat the new password',
    'password.others': 'Also sign out every other device',
    'password.submit': 'Change password',
    'password.done': 'Your password has been changed.',

    'console.heading': 'Security console',
    'console.forbidden': 'This page is for the security team and administrators only.',
    'stream.heading': 'Live sign-in activity',
    'stream.connecting': 'Connecting…',
    'stream.live': 'Connected: new events appear in the table.',
    'stream.reconnecting': 'Connection lost; reconnecting…',
    'stream.paused': 'Paused.',
    'stream.pause': 'Pause',
    'stream.resume': 'Resume',
    'stream.clear': 'Clear the table',
    'filters.heading': 'Filter',
    'filters.identifier': 'Account identifier',
    'filters.account': 'Account id',
    'filters.ip': 'IP or CIDR',
    'filters.type': 'Event type',
    'filters.outcome': 'Outcome',
    'filters.any': 'any',
    'filters.apply': 'Apply',
    'summary.heading': 'The last 15 minutes',
    'summary.refresh': 'Refresh',
    'summary.failures': 'Failed sign-ins',
    'summary.successes': 'Successful sign-ins',
    'summary.ratio': 'Failure ratio',
    'summary.locks': 'Accounts locked',
    'summary.throttled': 'Throttled IPs',
    'summary.top.ips': 'IPs with the most failures',
    'summary.top.accounts': 'Accounts with the most failures',
    'summary.none': 'none',
    'lookup.heading': 'Look up an account',
    'lookup.identifier': 'Username, e-mail, NIK, employer number or account id',
    'lookup.submit': 'Look up',
    'lookup.not.found': 'No events for that identifier, so no account was found.',
    'lookup.account': 'Account id',
    'lookup.state': 'Lock state',
    'lookup.unlocked': 'not locked',
    'lookup.locked.until': 'locked until {time}',
    'lookup.locked.permanent': 'locked permanently',
    'lookup.failures': 'Failures in the window',
    'lookup.locks24h': 'Locks (24 hours)',
    'lookup.unlock': 'Unlock',
    'lookup.revoke': 'End every session',
    'lookup.unlock.requested': 'The unlock is recorded.',
    'lookup.unlocked.done': 'The account is no longer locked.',
    'lookup.revoked': 'Every session of this account has been ended.',

    'result.success': 'success',
    'result.failure': 'failure',
    'result.rejected': 'refused',
    'reason.bad_credentials': 'wrong password',
    'reason.bad_code': 'wrong code',
    'reason.locked': 'locked',
    'reason.throttled': 'throttled',
    'reason.account_disabled': 'account disabled',
    'reason.mfa_required': 'code required',
    'reason.unknown_identifier': 'unknown identifier',
    'reason.unverified': 'not verified',
    'event.login.succeeded': 'Signed in',
    'event.login.failed': 'Sign-in failed',
    'event.login.rejected': 'Sign-in refused',
    'event.login.mfa_required': 'Code requested',
    'event.account.locked': 'Account locked',
    'event.account.unlocked': 'Account unlocked',
    'event.account.registered': 'Account registered',
    'event.session.created': 'Session started',
    'event.session.revoked': 'Session ended',
    'event.mfa.code_sent': 'Code sent',
    'event.mfa.code_refused': 'Code not sent: too many codes',
    'event.mfa.method_changed': 'Verification method changed',
    'event.password.changed': 'Password changed',
    'event.password.reset_requested': 'Password reset requested',
    'event.account.email_verified': 'E-mail verified',

    'problem.invalid-credentials': 'The identifier or password is not correct.',
    'problem.account-disabled': 'This account is disabled. Contact support.',
    'problem.rate-limited': 'Too many attempts. Wait a moment and try again.',
    'problem.rate-limited.wait': 'Too many attempts. Try again in {seconds} seconds.',
    'problem.invalid-code': 'The code is not correct.',
    'problem.challenge-expired': 'The code has expired or was entered wrongly too often. Please sign in again.',
    'problem.invalid-token': 'The link is not valid or has expired. Ask for a new one.',
    'problem.validation-failed': 'Check what you entered.',
    'problem.unauthorized': 'Your session has ended. Please sign in again.',
    'problem.session-expired': 'Your session has ended. Please sign in again.',
    'problem.forbidden': 'You are not allowed to do this.',
    'problem.step-up-required': 'First confirm it is you.',
    'problem.email-not-verified': 'The e-mail address is not verified yet.',
    'problem.unavailable': 'The service is unavailable right now. Try again shortly.',
    'problem.overloaded': 'The service is busy. Try again shortly.',
    'problem.network': 'Cannot reach the server. Check your connection.',
    'problem.generic': 'Something went wrong. Try again.',
  },
};

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(stored)) {
    return stored;
  }
  // the first of the browser's preferred languages that we speak decides; Indonesian only when preferred
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (SUPPORTED.includes(primary)) {
      return primary;
    }
  }
  return 'en';
}

let language = initialLanguage();

export function currentLanguage() {
  return language;
}

/** The text of a key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = MESSAGES[language][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** The text of a key, or the fallback (e.g. a raw event type) when there is none. */
export function tOr(key, fallback) {
  return key in MESSAGES[language] ? MESSAGES[language][key] : fallback;
}

/** True when the key has a text (so a caller can fall back to the server's own words). */
export function has(key) {
  return key in MESSAGES[language];
}

/** A date and time in the reader's language and own time zone. */
export function formatTime(iso) {
  if (!iso) {
    return '';
  }
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Fills every element marked data-i18n (text), data-i18n-label (aria-label) and data-i18n-alt (alt). */
export function translatePage(root = document) {
  document.documentElement.lang = language;
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-label]').forEach((element) => {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  });
  root.querySelectorAll('[data-i18n-alt]').forEach((element) => {
    element.setAttribute('alt', t(element.dataset.i18nAlt));
  });
}

/**
 * Translates the page and wires the language button (id "lang-switch"); onChange re-renders what
 * the page built itself (tables, messages) after a switch.
 */
export function setUpLanguage(onChange = () => {}) {
  translatePage();
  const button = document.getElementById('lang-switch');
  if (button) {
    button.addEventListener('click', () => {
      language = language === 'id' ? 'en' : 'id';
      localStorage.setItem(STORAGE_KEY, language);
      translatePage();
      onChange(language);
    });
  }
}
