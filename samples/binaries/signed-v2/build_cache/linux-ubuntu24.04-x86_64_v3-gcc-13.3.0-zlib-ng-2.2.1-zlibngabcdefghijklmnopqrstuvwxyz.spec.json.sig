-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA512

{
"spec":{
"_meta":{
"version":4
},
"nodes":[]
},
"buildcache_layout_version":2,
"binary_cache_checksum":{
"hash_algorithm":"sha256",
"hash":"6080081eb0e22562bff334f1b223c9f8fb8a22fca11a6e074db67a25a2bbe854"
}
}
-----BEGIN PGP SIGNATURE-----
Version: BouncyCastle.NET Cryptography (net6.0) v2.7.0+4007498b13

iQEzBAEBCgAdBQJoQ/OmFiEEf3DCu2v/8Q7YQmsTBdRZLp6T1QQACgkQBdRZLp6T
1QTUNwgAhcOKzfGUrIz6Lx6h5MfGPu5sJE1d48ACiA3++2xwdMgD48k4GSy7mcJ8
bcNALFfEVfslrsoU0FxG044JiG11e5bvF6qigcNIw0QCApe7397lPJcj9g6ZcFOa
f65j3z1fCL4wrXyT8YfRxXoWS+D3+n2LMM9RAVIhYOR0cdOTS3SPDOrvSsesS1L5
Aa2FsOkev+S386N9Inkg7NnxRyIhs/wE7iL7VaR4WSJm7FhTVv4LAboTjNCjhqzF
GeJR6Fx2Cv9xpp6XneSp78mK3Y6cpzJU/hWyGaokiJhBOTomuMWaLSGy0JnujV+Z
HW+mbX3TRqeJIfWyjgwMn/Yr5Sk0DA==
=KdLn
-----END PGP SIGNATURE-----
