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
"hash":"05a339266f3245f06d3e1f792c5324e4160ca97cce3dde7221703605f0b410f1"
}
}
-----BEGIN PGP SIGNATURE-----
Version: BouncyCastle.NET Cryptography (net6.0) v2.7.0+4007498b13

iQEzBAEBCgAdBQJoQ/OmFiEEf3DCu2v/8Q7YQmsTBdRZLp6T1QQACgkQBdRZLp6T
1QQ70Af+OHN1G6A9S5bhGXtMz+3ISmM0gcV1206pFlCuQp1iGvWBMLGN4IzOoQag
CQQ8WG8/3WCdw3OolWDjlMAyTbpkJCMVn46JRemVudz62VA471xe7ex/dOTY8pXF
OBoE0hNqGNVtDgLP2UzKQJl7LA25MJZ7Wle4m0vFyhxBLStK0/yXCtzy6NsNKXjQ
ntDxmMjoJl36qtc5iveCEvDwVLTEDJWhnhfw1to3tYk+kza5QMHlridDWlsPiOLI
UV2UNGtOjsytV94cONJ2bFwkYee8aTRTi553meMLAN6T2AwXkpNbloe51K0WdD2i
CZ4b67nb/NKU6zuaSOi4ywv+v7FpwA==
=RNJi
-----END PGP SIGNATURE-----
