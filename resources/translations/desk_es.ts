<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name />
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="38" />
        <source>Online</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="41" />
        <source>Syncing {done} of {total}</source>
        <translation>Sincronizando {done} de {total}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="45" />
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="47" />
        <source>Offline — {reason}</source>
        <translation>Sin conexión: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="47" />
        <source>no network</source>
        <translation>no hay red</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="49" />
        <source>Signed out — {reason}</source>
        <translation>Sesión cerrada: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="51" />
        <source>Sync error — {reason}</source>
        <translation>Error de sincronización: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="53" />
        <source>Not connected yet</source>
        <translation>Aún sin conexión</translation>
    </message>
</context>
<context>
    <name>AdminPinScreen</name>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="39" />
        <source>Staff only: enter the admin PIN</source>
        <translation>Solo personal: introduzca el PIN de administración</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="46" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="60" />
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="66" />
        <source>Locked after too many wrong PINs; try again in {s} s.</source>
        <translation>Bloqueado por demasiados PIN incorrectos; inténtelo de nuevo en {s} s.</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="70" />
        <source>That is not an admin PIN.</source>
        <translation>Ese no es un PIN de administración.</translation>
    </message>
</context>
<context>
    <name>AudiencePicker</name>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="93" />
        <source>Pick from</source>
        <translation>Elegir de</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="134" />
        <source>C&amp;lear</source>
        <translation>&amp;Vaciar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="137" />
        <source>Untick everything picked</source>
        <translation>Desmarcar todo lo elegido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="260" />
        <location filename="../../desk/ui/compose/audience_picker.py" line="321" />
        <source>Search…</source>
        <translation>Buscar…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="261" />
        <source>Search {source}</source>
        <translation>Buscar en {source}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="295" />
        <source>Asks which one, then picks all of it</source>
        <translation>Pregunta cuál y luego lo elige entero</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="297" />
        <source>Picks all of {group}</source>
        <translation>Elige todo {group}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="322" />
        <source>Search what is picked…</source>
        <translation>Buscar en lo elegido…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="340" />
        <source>1 picked</source>
        <translation>1 elegido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="340" />
        <source>{n} picked</source>
        <translation>{n} elegidos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/audience_picker.py" line="342" />
        <source>Nothing picked yet.</source>
        <translation>Todavía no se ha elegido nada.</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="71" />
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="72" />
        <location filename="../../desk/ui/admin/audit_log.py" line="116" />
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="73" />
        <location filename="../../desk/ui/admin/audit_log.py" line="110" />
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="74" />
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="75" />
        <location filename="../../desk/ui/admin/audit_log.py" line="119" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="76" />
        <source>Message or detail</source>
        <translation>Mensaje o detalle</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="84" />
        <source>Audit events</source>
        <translation>Eventos de auditoría</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="111" />
        <source>Every action</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="120" />
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="124" />
        <source>Search who, conversation, message…</source>
        <translation>Buscar persona, conversación, mensaje…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="125" />
        <source>Search the audit log</source>
        <translation>Buscar en el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="128" />
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="132" />
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="157" />
        <source>Show every conversation</source>
        <translation>Mostrar todas las conversaciones</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="196" />
        <source>Only the conversation with {name}</source>
        <translation>Solo la conversación con {name}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="196" />
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="208" />
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="233" />
        <source>The audit log is for administrators. Ask an administrator if you need to know who sent, opened or closed a conversation.</source>
        <translation>El registro de auditoría es para administradores. Pregunte a un administrador si necesita saber quién envió, abrió o cerró una conversación.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="238" />
        <source>Nothing has been recorded yet.</source>
        <translation>Todavía no se ha registrado nada.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/audit_log.py" line="240" />
        <source>No events match these filters.</source>
        <translation>Ningún evento coincide con estos filtros.</translation>
    </message>
</context>
<context>
    <name>BackgroundTasksView</name>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="37" />
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="38" />
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="39" />
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="46" />
        <source>Search errors…</source>
        <translation>Buscar errores…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="47" />
        <source>Search background task errors</source>
        <translation>Buscar errores de tareas en segundo plano</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="52" />
        <source>Background task errors</source>
        <translation>Errores de tareas en segundo plano</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="80" />
        <source>{task} at {when}
{error}
{detail}</source>
        <translation>{task}, {when}
{error}
{detail}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="94" />
        <source>Background tasks are shown to administrators only.</source>
        <translation>Las tareas en segundo plano solo se muestran a los administradores.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="96" />
        <source>No errors match this search.</source>
        <translation>Ningún error coincide con esta búsqueda.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/background_tasks.py" line="98" />
        <source>No background task has failed.</source>
        <translation>Ninguna tarea en segundo plano ha fallado.</translation>
    </message>
</context>
<context>
    <name>CapabilityModel</name>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="48" />
        <source>Staff member</source>
        <translation>Miembro del personal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="50" />
        <source>{name} (inactive)</source>
        <translation>{name} (inactivo)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="53" />
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="75" />
        <source>{capability}: {held}</source>
        <translation>{capability}: {held}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="77" />
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="77" />
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>CentreSettingsView</name>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="111" />
        <source>Staff permissions</source>
        <translation>Permisos del personal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="117" />
        <source>Students may take part in group conversations</source>
        <translation>Los alumnos pueden participar en conversaciones de grupo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="122" />
        <source>Split families: whether a guardian's conversations are kept apart from the family's other guardians is set on that guardian's record (Families).</source>
        <translation>Familias separadas: si las conversaciones de un tutor se mantienen aparte de las de los demás tutores de la familia se decide en la ficha de ese tutor (Familias).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="130" />
        <source>Full messaging: Office Chat and every classroom. Mass Text: send texts and push notifications. SMS Logs: read the Messenger Center. Administration: settings, audit log, kiosks, templates.</source>
        <translation>Mensajería completa: Chat de la oficina y todas las aulas. Textos masivos: enviar mensajes de texto y notificaciones push. Registros de SMS: leer la Mensajería SMS. Administración: ajustes, registro de auditoría, quioscos, plantillas.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="137" />
        <source>STAFF PERMISSIONS</source>
        <translation>PERMISOS DEL PERSONAL</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="139" />
        <source>CONVERSATIONS</source>
        <translation>CONVERSACIONES</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="161" />
        <source>You cannot take away your own administration permission.</source>
        <translation>No puede quitarse su propio permiso de administración.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/centre_settings.py" line="167" />
        <source>{name} not changed: {reason}</source>
        <translation>{name} no se cambió: {reason}</translation>
    </message>
</context>
<context>
    <name>ChildRow</name>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="85" />
        <source>Signed in · {room}</source>
        <translation>Entrada registrada · {room}</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="85" />
        <source>Not signed in · {room}</source>
        <translation>Sin entrada registrada · {room}</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="87" />
        <source>no room</source>
        <translation>sin aula</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="89" />
        <source>Sign out</source>
        <translation>Registrar salida</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="89" />
        <source>Sign in</source>
        <translation>Registrar entrada</translation>
    </message>
</context>
<context>
    <name>ChildrenScreen</name>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="120" />
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="138" />
        <source>Hello, {name}!</source>
        <translation>¡Hola, {name}!</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="140" />
        <source>Tap Sign in or Sign out for each child, then Done.</source>
        <translation>Toque Registrar entrada o Registrar salida para cada niño y luego Listo.</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="142" />
        <source>There are no children for you to sign in or out today.</source>
        <translation>Hoy no tiene niños para registrar la entrada o la salida.</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../desk/ui/compose/chips.py" line="80" />
        <location filename="../../desk/ui/compose/chips.py" line="81" />
        <source>Remove {name}</source>
        <translation>Quitar a {name}</translation>
    </message>
</context>
<context>
    <name>ChipRow</name>
    <message>
        <location filename="../../desk/ui/compose/chips.py" line="114" />
        <source>Picked</source>
        <translation>Elegidos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/chips.py" line="140" />
        <source>+{n} more</source>
        <translation>+{n} más</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/chips.py" line="143" />
        <source>{n} more picked. Press to list only what is picked (to review or untick it); press again to list everyone.</source>
        <translation>Otros elegidos: {n}. Pulse para ver solo lo elegido (para revisarlo o desmarcarlo); pulse otra vez para ver a todos.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/chips.py" line="147" />
        <source>{n} more picked</source>
        <translation>Otros elegidos: {n}</translation>
    </message>
</context>
<context>
    <name>CommunicationTab</name>
    <message>
        <location filename="../../desk/ui/records/records.py" line="104" />
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="106" />
        <source>With</source>
        <translation>Con</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="108" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="109" />
        <source>Last message</source>
        <translation>Último mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="110" />
        <location filename="../../desk/ui/records/records.py" line="117" />
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="118" />
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="120" />
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="121" />
        <source>Emergency SMS</source>
        <translation>SMS de emergencia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="123" />
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="124" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="129" />
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="130" />
        <source>Text messages</source>
        <translation>Mensajes de texto (SMS)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="133" />
        <source>&amp;Open conversation</source>
        <translation>&amp;Abrir conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="139" />
        <source>CONVERSATIONS</source>
        <translation>CONVERSACIONES</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="145" />
        <source>TEXT MESSAGES (SMS)</source>
        <translation>MENSAJES DE TEXTO (SMS)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="157" />
        <source>No conversations or text messages with this person yet.</source>
        <translation>Todavía no hay conversaciones ni mensajes de texto con esta persona.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="55" />
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="56" />
        <source>Write a reply… (Ctrl+Enter to send)</source>
        <translation>Escriba una respuesta… (Ctrl+Intro para enviar)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="74" />
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="76" />
        <source>Send reply</source>
        <translation>Enviar respuesta</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="77" />
        <source>Send (Ctrl+Enter)</source>
        <translation>Enviar (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="177" />
        <source>1 character</source>
        <translation>1 carácter</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="179" />
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/composer.py" line="185" />
        <source>{chars} characters · {segments} SMS segments · {left} left · {enc}</source>
        <translation>{chars} caracteres · {segments} segmentos de SMS · quedan {left} · {enc}</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="34" />
        <location filename="../../desk/ui/inbox/details_pane.py" line="77" />
        <source>Family details</source>
        <translation>Datos de la familia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="69" />
        <source>Conversation details</source>
        <translation>Datos de la conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="81" />
        <source>Text messages with {phone}; no family record holds this number.</source>
        <translation>Mensajes de texto con {phone}; ninguna ficha de familia tiene este número.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="85" />
        <source>Select a conversation to see the family.</source>
        <translation>Seleccione una conversación para ver la familia.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="91" />
        <source>FAMILY</source>
        <translation>FAMILIA</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="93" />
        <source>STUDENTS</source>
        <translation>ALUMNOS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="97" />
        <source>No students</source>
        <translation>Sin alumnos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="98" />
        <source>GUARDIANS AND PICKUPS</source>
        <translation>TUTORES Y AUTORIZADOS PARA RECOGER</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="116" />
        <source>Signed in · {room} · since {time}</source>
        <translation>Dentro · {room} · desde las {time}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="117" />
        <source>no room</source>
        <translation>sin aula</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="122" />
        <source>Signed out at {time}</source>
        <translation>Salida registrada a las {time}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="124" />
        <source>Not signed in</source>
        <translation>Sin entrada registrada</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="128" />
        <source>Room: {room}</source>
        <translation>Aula: {room}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="135" />
        <source>Authorized pickup</source>
        <translation>Autorizado/a para recoger</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="135" />
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="138" />
        <source> · private conversations</source>
        <translation> · conversaciones privadas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="145" />
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="146" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="147" />
        <source>App</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="150" />
        <source>Prefers: {channel}</source>
        <translation>Prefiere: {channel}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="154" />
        <source>SMS: opted in</source>
        <translation>SMS: dado/a de alta</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/details_pane.py" line="157" />
        <source>SMS: opted out</source>
        <translation>SMS: dado/a de baja</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="169" />
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="180" />
        <source>Nothing was changed.</source>
        <translation>No se cambió nada.</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="182" />
        <source>Thank you, {name}.

{done}

Have a good day!</source>
        <translation>Gracias, {name}.

{done}

¡Que tenga un buen día!</translation>
    </message>
</context>
<context>
    <name>EnrollKioskDialog</name>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="92" />
        <source>Enroll a kiosk</source>
        <translation>Vincular un quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="94" />
        <source>Start “desk kiosk” on the tablet or PC at the door and type this code with the server address. The code works once.</source>
        <translation>Inicie «desk kiosk» en la tableta o el PC de la entrada y escriba este código junto con la dirección del servidor. El código sirve una sola vez.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="104" />
        <source>Valid until {time}.</source>
        <translation>Válido hasta {time}.</translation>
    </message>
</context>
<context>
    <name>EnrollmentScreen</name>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="45" />
        <source>Set up the Front Desk kiosk</source>
        <translation>Configurar el quiosco de Front Desk</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="47" />
        <source>Set up this kiosk</source>
        <translation>Configurar este quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="51" />
        <source>An admin issues a one-time enrollment code in the office app. Type it here with the server's address.</source>
        <translation>Un administrador genera un código de vinculación de un solo uso en la aplicación de la oficina. Escríbalo aquí junto con la dirección del servidor.</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="61" />
        <source>Front door</source>
        <translation>Puerta principal</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="66" />
        <source>Enroll this kiosk</source>
        <translation>Vincular este quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="69" />
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="72" />
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="73" />
        <source>Enrollment &amp;code</source>
        <translation>&amp;Código de vinculación</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="74" />
        <source>Kiosk &amp;name</source>
        <translation>&amp;Nombre del quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="100" />
        <source>Fill in the server, the code and a name for this kiosk.</source>
        <translation>Indique el servidor, el código y un nombre para este quiosco.</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/enrollment.py" line="103" />
        <source>Enrolling…</source>
        <translation>Vinculando…</translation>
    </message>
</context>
<context>
    <name>FailureBar</name>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="92" />
        <source>Not sent: {reason} — “{body}”</source>
        <translation>No enviado: {reason}: «{body}»</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="101" />
        <source>Delivery failed: {reason} — “{body}”</source>
        <translation>Falló la entrega: {reason}: «{body}»</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="102" />
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="105" />
        <source>Retry refused: {reason}</source>
        <translation>Reintento rechazado: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="108" />
        <source>Retrying…</source>
        <translation>Reintentando…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="109" />
        <source>Retry under way</source>
        <translation>Reintento en curso</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="121" />
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="123" />
        <source>Retry sending</source>
        <translation>Reintentar el envío</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="129" />
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>FallbackBar</name>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="179" />
        <source>{name}: {channel_failed}, so messages go {by_channel}</source>
        <translation>{name}: {channel_failed}, así que los mensajes van {by_channel}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="180" />
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="201" />
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="204" />
        <source>Reset {name} to their preferred channel</source>
        <translation>Volver al canal preferido de {name}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="208" />
        <source>Send the next message by their preferred channel again</source>
        <translation>Enviar el próximo mensaje otra vez por su canal preferido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="210" />
        <source>Only an admin can reset someone else's channel</source>
        <translation>Solo un administrador puede restablecer el canal de otra persona</translation>
    </message>
</context>
<context>
    <name>FamiliesView</name>
    <message>
        <location filename="../../desk/ui/records/records.py" line="230" />
        <source>Search families, guardians, children, phones…</source>
        <translation>Buscar familias, tutores, niños, teléfonos…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="237" />
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="238" />
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="239" />
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="246" />
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="254" />
        <source>Pick a family to see its record.</source>
        <translation>Elija una familia para ver su ficha.</translation>
    </message>
</context>
<context>
    <name>FamilyRecordPage</name>
    <message>
        <location filename="../../desk/ui/records/records.py" line="320" />
        <source>Queue &amp;kiosk message…</source>
        <translation>Poner mensaje en el &amp;quiosco…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="322" />
        <source>New kiosk &amp;PIN…</source>
        <translation>Nuevo &amp;PIN del quiosco…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="324" />
        <source>A new sign-in PIN for the selected guardian or pickup</source>
        <translation>Un PIN nuevo de entrada y salida para el tutor o la persona autorizada seleccionados</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="329" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="330" />
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="331" />
        <location filename="../../desk/ui/records/records.py" line="358" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="332" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="333" />
        <source>Prefers</source>
        <translation>Prefiere</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="334" />
        <source>Texts</source>
        <translation>Mensajes de texto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="341" />
        <source>Student</source>
        <translation>Alumno/a</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="342" />
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="344" />
        <source>Right now</source>
        <translation>Ahora mismo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="346" />
        <source>Signed in — {room}</source>
        <translation>Dentro: {room}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="348" />
        <source>Not signed in</source>
        <translation>Sin entrada registrada</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="357" />
        <source>Authorized pickup</source>
        <translation>Autorizado/a para recoger</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="359" />
        <source>May collect</source>
        <translation>Puede recoger</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="369" />
        <source>GUARDIANS AND CONTACTS</source>
        <translation>TUTORES Y CONTACTOS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="371" />
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="379" />
        <source>STUDENTS</source>
        <translation>ALUMNOS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="380" />
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="381" />
        <source>AUTHORIZED PICKUPS</source>
        <translation>AUTORIZADOS PARA RECOGER</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="382" />
        <source>Authorized pickups</source>
        <translation>Autorizados para recoger</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="386" />
        <source>&amp;Details</source>
        <translation>&amp;Datos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="387" />
        <source>&amp;Communication</source>
        <translation>&amp;Comunicación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="409" />
        <source>No phone</source>
        <translation>Sin teléfono</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="411" />
        <source>Opted in</source>
        <translation>Dado/a de alta</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="413" />
        <source>Opted out</source>
        <translation>Dado/a de baja</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="414" />
        <source>Shared number opted out</source>
        <translation>Número compartido dado de baja</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="446" />
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
</context>
<context>
    <name>GroupPanel</name>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="98" />
        <source>Add people…</source>
        <translation>Añadir personas…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="99" />
        <source>Rename…</source>
        <translation>Cambiar nombre…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="100" />
        <location filename="../../desk/ui/inbox/group_panel.py" line="177" />
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="101" />
        <location filename="../../desk/ui/inbox/group_panel.py" line="178" />
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="102" />
        <source>Stop…</source>
        <translation>Detener…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="104" />
        <source>Transcript…</source>
        <translation>Transcripción…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="106" />
        <source>Add participants, up to 15 people in all</source>
        <translation>Añadir participantes, hasta 15 personas en total</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="107" />
        <source>Make the conversation read-only for everyone</source>
        <translation>Dejar la conversación en solo lectura para todos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="108" />
        <source>Download the conversation as HTML or PDF</source>
        <translation>Descargar la conversación en HTML o PDF</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="109" />
        <source>No unread count or notification for you</source>
        <translation>Sin contador de no leídos ni notificaciones para usted</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="110" />
        <source>Move it to your Archived list</source>
        <translation>Moverla a su lista de archivadas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="131" />
        <source>CONVERSATION</source>
        <translation>CONVERSACIÓN</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="163" />
        <source>Stopped by {name} on {time}. It is read-only: no one can reply.</source>
        <translation>Detenida por {name} el {time}. Es de solo lectura: nadie puede responder.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="164" />
        <source>a staff member</source>
        <translation>un miembro del personal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="170" />
        <source>Muted for you: no unread count or notification.</source>
        <translation>Silenciada para usted: sin contador de no leídos ni notificaciones.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="172" />
        <source>Archived for you.</source>
        <translation>Archivada para usted.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="174" />
        <source>You are not a participant.</source>
        <translation>Usted no es participante.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="177" />
        <source>Unmute</source>
        <translation>Dejar de silenciar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="178" />
        <source>Unarchive</source>
        <translation>Desarchivar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="194" />
        <source>PARTICIPANTS ({n} OF {most})</source>
        <translation>PARTICIPANTES ({n} DE {most})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="210" />
        <source> (you)</source>
        <translation> (usted)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="217" />
        <source>Muted</source>
        <translation>Silenciada</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="224" />
        <source>Remove {name}</source>
        <translation>Quitar a {name}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="225" />
        <source>Remove {name} from the conversation</source>
        <translation>Quitar a {name} de la conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="238" />
        <source>Not changed: {reason}</source>
        <translation>No se cambió: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="260" />
        <source>Remove participant</source>
        <translation>Quitar participante</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="262" />
        <source>Remove {name} from “{title}”? They will no longer see the conversation.</source>
        <translation>¿Quitar a {name} de «{title}»? Ya no verá la conversación.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="285" />
        <source>Stop conversation</source>
        <translation>Detener conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="287" />
        <source>Stop “{title}”? No one will be able to reply, by app or by text, and this cannot be undone.</source>
        <translation>¿Detener «{title}»? Nadie podrá responder, ni por la aplicación ni por mensaje de texto, y no se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="313" />
        <source>Download transcript</source>
        <translation>Descargar transcripción</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="315" />
        <source>Web page (*.html);;PDF document (*.pdf)</source>
        <translation>Página web (*.html);;Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="321" />
        <source>That conversation is no longer on this workstation.</source>
        <translation>Esa conversación ya no está en este equipo.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="327" />
        <source>Could not save the transcript: {reason}</source>
        <translation>No se pudo guardar la transcripción: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/group_panel.py" line="332" />
        <source>Transcript saved to {path}</source>
        <translation>Transcripción guardada en {path}</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../desk/kiosk/keypad.py" line="36" />
        <source>PIN entered so far</source>
        <translation>PIN introducido hasta ahora</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/keypad.py" line="42" />
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/keypad.py" line="44" />
        <source>Delete the last digit</source>
        <translation>Borrar el último dígito</translation>
    </message>
</context>
<context>
    <name>KioskMessagesView</name>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="95" />
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="96" />
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="97" />
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="98" />
        <source>Entered</source>
        <translation>Escrito</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="99" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="114" />
        <source>Show acknowledged and cancelled</source>
        <translation>Mostrar confirmados y cancelados</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="117" />
        <source>Queue kiosk message…</source>
        <translation>Poner mensaje en el quiosco…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="120" />
        <source>Cancel message</source>
        <translation>Cancelar mensaje</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../desk/kiosk/window.py" line="120" />
        <source>Front Desk kiosk</source>
        <translation>Quiosco de Front Desk</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="295" />
        <source>{name} could not be signed {way}: this kiosk's storage is full. Please tell the office.</source>
        <translation>No se pudo registrar la {way} de {name}: el almacenamiento de este quiosco está lleno. Avise a la oficina.</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="299" />
        <source>in</source>
        <translation>entrada</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="301" />
        <source>out</source>
        <translation>salida</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="306" />
        <source>{name} signed in at {time}</source>
        <translation>Entrada de {name} registrada a las {time}</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="308" />
        <source>{name} signed out at {time}</source>
        <translation>Salida de {name} registrada a las {time}</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="371" />
        <source>● Connected</source>
        <translation>● Conectado</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="372" />
        <source>↻ Updating…</source>
        <translation>↻ Actualizando…</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="373" />
        <source>○ Offline: sign-ins are kept and sent later</source>
        <translation>○ Sin conexión: los registros se guardan y se envían más tarde</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="374" />
        <source>⚠ This kiosk is no longer enrolled: ask the office</source>
        <translation>⚠ Este quiosco ya no está vinculado: pregunte en la oficina</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/window.py" line="375" />
        <source>⚠ Sync problem: sign-ins are kept and sent later</source>
        <translation>⚠ Problema de sincronización: los registros se guardan y se envían más tarde</translation>
    </message>
</context>
<context>
    <name>KiosksDialog</name>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="46" />
        <source>Kiosks</source>
        <translation>Quioscos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="53" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="54" />
        <source>Enrolled by</source>
        <translation>Vinculado por</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="56" />
        <source>Enrolled</source>
        <translation>Vinculado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="58" />
        <source>Last seen</source>
        <translation>Última conexión</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="59" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="75" />
        <source>&amp;Revoke</source>
        <translation>&amp;Revocar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="78" />
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="98" />
        <source>Asking the server…</source>
        <translation>Consultando al servidor…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="108" />
        <source>Revoke kiosk</source>
        <translation>Revocar quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="110" />
        <source>Revoke “{name}”? It stops working at once and forgets the parents' PINs; to use it again, enroll it again.</source>
        <translation>¿Revocar «{name}»? Dejará de funcionar en el acto y olvidará los PIN de los padres; para volver a usarlo, vincúlelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="127" />
        <source>No kiosk is enrolled yet.</source>
        <translation>Todavía no hay ningún quiosco vinculado.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="142" />
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="146" />
        <source>Revoked</source>
        <translation>Revocado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_devices.py" line="146" />
        <source>Active</source>
        <translation>Activo</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="111" />
        <source>New Message</source>
        <translation>Nuevo mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="113" />
        <source>New Message (Ctrl+N)</source>
        <translation>Nuevo mensaje (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="116" />
        <location filename="../../desk/ui/mainwindow/main_window.py" line="673" />
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="133" />
        <source>Opening your conversations…</source>
        <translation>Abriendo sus conversaciones…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="165" />
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="167" />
        <source>&amp;New Message…</source>
        <translation>&amp;Nuevo mensaje…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="171" />
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="173" />
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="179" />
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="189" />
        <source>Next conversation</source>
        <translation>Conversación siguiente</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="192" />
        <source>Previous conversation</source>
        <translation>Conversación anterior</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="197" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="199" />
        <source>&amp;Search conversations</source>
        <translation>&amp;Buscar conversaciones</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="206" />
        <source>Show all</source>
        <translation>Mostrar todas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="207" />
        <source>Show unread</source>
        <translation>Mostrar no leídas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="208" />
        <source>Show open</source>
        <translation>Mostrar abiertas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="209" />
        <source>Show closed</source>
        <translation>Mostrar cerradas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="217" />
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="220" />
        <source>&amp;Push notification…</source>
        <translation>Notificación &amp;push…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="223" />
        <source>&amp;Templates…</source>
        <translation>Plan&amp;tillas…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="225" />
        <source>&amp;Enroll a kiosk…</source>
        <translation>&amp;Vincular un quiosco…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="226" />
        <source>&amp;Kiosks…</source>
        <translation>&amp;Quioscos…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="238" />
        <source>&amp;Conversation</source>
        <translation>&amp;Conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="239" />
        <source>&amp;Reply</source>
        <translation>&amp;Responder</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="241" />
        <source>&amp;Close conversation</source>
        <translation>&amp;Cerrar conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="244" />
        <source>Re&amp;open conversation</source>
        <translation>Re&amp;abrir conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="247" />
        <source>Re&amp;try failed message</source>
        <translation>Rein&amp;tentar mensaje fallido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="252" />
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="254" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="260" />
        <source>Office Chat</source>
        <translation>Chat de la oficina</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="261" />
        <source>Classroom Chat</source>
        <translation>Chat del aula</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="262" />
        <source>Messenger Center</source>
        <translation>Mensajería SMS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="263" />
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="264" />
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="265" />
        <source>Kiosk messages</source>
        <translation>Mensajes del quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="266" />
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="267" />
        <source>Background tasks</source>
        <translation>Tareas en segundo plano</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="268" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="492" />
        <source>That conversation is not on this workstation yet.</source>
        <translation>Esa conversación todavía no está en este equipo.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="496" />
        <source>You may not open that conversation.</source>
        <translation>No tiene permiso para abrir esa conversación.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="573" />
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/main_window.py" line="687" />
        <source>Not sent: {reasons}</source>
        <translation>No enviado: {reasons}</translation>
    </message>
</context>
<context>
    <name>MessageList</name>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="639" />
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="138" />
        <location filename="../../desk/ui/inbox/messages.py" line="283" />
        <location filename="../../desk/ui/inbox/messages.py" line="302" />
        <location filename="../../desk/ui/inbox/messages.py" line="308" />
        <location filename="../../desk/ui/inbox/messages.py" line="347" />
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="139" />
        <source>{author} · {time}</source>
        <translation>{author} · {time}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="141" />
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="142" />
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="143" />
        <location filename="../../desk/ui/inbox/messages.py" line="226" />
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="144" />
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="145" />
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="217" />
        <source>{state} — {notes}</source>
        <translation>{state}: {notes}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="225" />
        <source>Queued offline — sends when back online</source>
        <translation>En cola sin conexión: se envía al volver la conexión</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="228" />
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="229" />
        <source>Failed: {reason}</source>
        <translation>Error: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="268" />
        <source>Emergency SMS</source>
        <translation>SMS de emergencia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="282" />
        <source>Seen by {name} · {time}</source>
        <translation>Visto por {name} · {time}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="290" />
        <source>Seen by everyone</source>
        <translation>Visto por todos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="291" />
        <source>Seen by {n}</source>
        <translation>Visto por {n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="305" />
        <source>Seen by:</source>
        <translation>Visto por:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="307" />
        <source>{name} — {time}</source>
        <translation>{name}, {time}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="313" />
        <source>Not seen yet by: {names}</source>
        <translation>Aún no visto por: {names}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="358" />
        <source>Translated to {language} for {names}</source>
        <translation>Traducido al {language} para {names}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="365" />
        <source>Translated to {language} for {n} people</source>
        <translation>Traducido al {language} para {n} personas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="370" />
        <source>Sent to {name} {by_channel}: {channel_failed}</source>
        <translation>Enviado a {name} {by_channel}: {channel_failed}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/messages.py" line="379" />
        <source>…and {n} more</source>
        <translation>…y {n} más</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="57" />
        <source>OK, thank you</source>
        <translation>Entendido, gracias</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="68" />
        <source>Hello, {name}!</source>
        <translation>¡Hola, {name}!</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/visit_screens.py" line="70" />
        <source>A message from the office ({n} of {total})</source>
        <translation>Un mensaje de la oficina ({n} de {total})</translation>
    </message>
</context>
<context>
    <name>NavigationModel</name>
    <message>
        <location filename="../../desk/ui/mainwindow/navigation.py" line="133" />
        <source>{label}: {unread} unread, {open} open</source>
        <translation>{label}: sin leer {unread}, abiertas {open}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/navigation.py" line="138" />
        <source>{unread} unread messages, {open} open conversations</source>
        <translation>Mensajes sin leer: {unread}; conversaciones abiertas: {open}</translation>
    </message>
</context>
<context>
    <name>NavigationView</name>
    <message>
        <location filename="../../desk/ui/mainwindow/navigation.py" line="218" />
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
</context>
<context>
    <name>NewMessageDialog</name>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="102" />
        <source>New Message</source>
        <translation>Nuevo mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="144" />
        <source>Message channel</source>
        <translation>Canal del mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="150" />
        <location filename="../../desk/ui/compose/new_message.py" line="489" />
        <source>Office Chat is for admins with full messaging access.</source>
        <translation>El Chat de la oficina es para administradores con acceso completo a la mensajería.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="156" />
        <source>C&amp;hannel</source>
        <translation>C&amp;anal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="159" />
        <source>&amp;Individually</source>
        <translation>&amp;Individualmente</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="163" />
        <source>Each family or person gets the message in a private conversation; nobody sees who else received it.</source>
        <translation>Cada familia o persona recibe el mensaje en una conversación privada; nadie ve quién más lo recibió.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="167" />
        <source>As a &amp;group conversation</source>
        <translation>Como conversación de &amp;grupo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="171" />
        <source>One reply-all conversation of everyone picked, you included (at most {n} people).</source>
        <translation>Una conversación de respuesta a todos con todos los elegidos, usted incluido/a (como máximo {n} personas).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="188" />
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="191" />
        <source>Subject (optional): the title of staff and group conversations</source>
        <translation>Asunto (opcional): el título de las conversaciones con el personal y de grupo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="193" />
        <source>Su&amp;bject</source>
        <translation>A&amp;sunto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="206" />
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="207" />
        <source>Write your message…</source>
        <translation>Escriba su mensaje…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="213" />
        <source>Send as &amp;Emergency SMS</source>
        <translation>Enviar como SMS de &amp;emergencia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="219" />
        <location filename="../../desk/ui/compose/new_message.py" line="492" />
        <source>Sending text messages needs the Mass Text permission.</source>
        <translation>Para enviar mensajes de texto hace falta el permiso Textos masivos.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="226" />
        <source>Counted from the messages on this computer; the server keeps the final count and refuses a text past the monthly limit.</source>
        <translation>Contado a partir de los mensajes de este equipo; el servidor lleva la cuenta definitiva y rechaza cualquier mensaje de texto que supere el límite mensual.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="232" />
        <source>Text messages are one-way: parents cannot reply to them, but can answer in the app's Messages section.</source>
        <translation>Los mensajes de texto son de un solo sentido: los padres no pueden responderlos, pero pueden contestar en la sección Mensajes de la aplicación.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="238" />
        <source>Show at Sign In-Out &amp;Kiosk</source>
        <translation>Mostrar en el &amp;quiosco de entrada y salida</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="241" />
        <source>Shown to each guardian the next time they enter their PIN at the kiosk.</source>
        <translation>Se muestra a cada tutor la próxima vez que introduzca su PIN en el quiosco.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="255" />
        <source>Not texted</source>
        <translation>Sin mensaje de texto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="263" />
        <source>Send Message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="265" />
        <source>Send (Ctrl+Enter)</source>
        <translation>Enviar (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="268" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="363" />
        <source>1 character</source>
        <translation>1 carácter</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="363" />
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="368" />
        <source>{n} / {limit} characters · {segments}</source>
        <translation>{n} / {limit} caracteres · {segments}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="372" />
        <source>1 SMS segment</source>
        <translation>1 segmento de SMS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="372" />
        <source>{n} SMS segments</source>
        <translation>{n} segmentos de SMS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="383" />
        <source>{guardians} in {families}</source>
        <translation>{guardians} en {families}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="385" />
        <location filename="../../desk/ui/compose/new_message.py" line="420" />
        <location filename="../../desk/ui/compose/new_message.py" line="443" />
        <location filename="../../desk/ui/compose/new_message.py" line="560" />
        <source>1 guardian</source>
        <translation>1 tutor</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="385" />
        <location filename="../../desk/ui/compose/new_message.py" line="420" />
        <location filename="../../desk/ui/compose/new_message.py" line="443" />
        <location filename="../../desk/ui/compose/new_message.py" line="560" />
        <source>{n} guardians</source>
        <translation>{n} tutores</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="387" />
        <source>1 family</source>
        <translation>1 familia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="387" />
        <source>{n} families</source>
        <translation>{n} familias</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="392" />
        <source>1 staff member</source>
        <translation>1 miembro del personal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="392" />
        <source>{n} staff members</source>
        <translation>{n} miembros del personal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="394" />
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="394" />
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="398" />
        <source>1 group conversation</source>
        <translation>1 conversación de grupo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="400" />
        <source>1 conversation</source>
        <translation>1 conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="400" />
        <source>{n} conversations</source>
        <translation>{n} conversaciones</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="405" />
        <source>Pick recipients to see who this message reaches.</source>
        <translation>Elija destinatarios para ver a quién llega este mensaje.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="410" />
        <source>Goes to {reach} ({conversations}).</source>
        <translation>Va a {reach} ({conversations}).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="417" />
        <source>Texts {phones}; {excluded} not texted.</source>
        <translation>Envía mensaje de texto a {phones}; {excluded} sin mensaje de texto.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="418" />
        <location filename="../../desk/ui/compose/new_message.py" line="556" />
        <source>1 phone</source>
        <translation>1 teléfono</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="418" />
        <location filename="../../desk/ui/compose/new_message.py" line="556" />
        <source>{n} phones</source>
        <translation>{n} teléfonos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="427" />
        <source>Monthly SMS segments: {used} of {limit} used, {left} left; this message uses {n}.</source>
        <translation>Segmentos de SMS del mes: {used} de {limit} usados, quedan {left}; este mensaje usa {n}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="440" />
        <source>Shown at the sign-in kiosk to {guardians} at their next PIN entry.</source>
        <translation>Se muestra en el quiosco de entrada y salida a {guardians} la próxima vez que introduzcan su PIN.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="453" />
        <source>no phone number on file</source>
        <translation>no hay número de teléfono registrado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="454" />
        <source>opted out of text messages</source>
        <translation>se dio de baja de los mensajes de texto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="455" />
        <source>no record of consent for this number</source>
        <translation>no consta el consentimiento para este número</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="457" />
        <source>shares {phone} with {names}, who opted out</source>
        <translation>comparte {phone} con {names}, que se dio de baja</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="463" />
        <source>{name} — not texted: {reason}</source>
        <translation>{name}: sin mensaje de texto: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="472" />
        <source>A group conversation can include up to {limit} people, you included; this one would have {n}. Remove some recipients, or send it individually.</source>
        <translation>Una conversación de grupo puede incluir hasta {limit} personas, usted incluido/a; esta tendría {n}. Quite algunos destinatarios o envíelo individualmente.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="480" />
        <source>An emergency text is limited to {limit} characters; remove {over}.</source>
        <translation>Un mensaje de texto de emergencia tiene un límite de {limit} caracteres; quite {over}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="486" />
        <source>These recipients reach nobody: no guardian or staff member to message.</source>
        <translation>Estos destinatarios no llegan a nadie: no hay ningún tutor ni miembro del personal a quien escribir.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="495" />
        <source>An emergency text goes to families: pick at least one family.</source>
        <translation>Un mensaje de texto de emergencia va a las familias: elija al menos una familia.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="498" />
        <source>None of these guardians can receive a text message.</source>
        <translation>Ninguno de estos tutores puede recibir un mensaje de texto.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="501" />
        <source>This needs {n} SMS segments but only {left} are left this month. Contact support to raise the monthly limit, or send it without Emergency SMS.</source>
        <translation>Esto necesita {n} segmentos de SMS, pero solo quedan {left} este mes. Pida a soporte que aumente el límite mensual o envíelo sin SMS de emergencia.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="524" />
        <source>Send this message?</source>
        <translation>¿Enviar este mensaje?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="527" />
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="539" />
        <source>This message goes to {reach}.</source>
        <translation>Este mensaje va a {reach}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="542" />
        <source>Everyone is in one group conversation and sees the others' names.</source>
        <translation>Todos están en una misma conversación de grupo y ven los nombres de los demás.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="546" />
        <source>Each gets it privately ({conversations}); nobody sees the others.</source>
        <translation>Cada uno lo recibe en privado ({conversations}); nadie ve a los demás.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="553" />
        <source>Emergency text to {phones}, {segments} of the {left} SMS segments left this month; {excluded} not texted.</source>
        <translation>Mensaje de texto de emergencia a {phones}: {segments} de los {left} segmentos de SMS que quedan este mes; {excluded} sin mensaje de texto.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="568" />
        <source>1 guardian opted out of text messages.</source>
        <translation>1 tutor se dio de baja de los mensajes de texto.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="569" />
        <source>{n} guardians opted out of text messages.</source>
        <translation>{n} tutores se dieron de baja de los mensajes de texto.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="576" />
        <source>{name} (guardian)</source>
        <translation>{name} (tutor/a)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="577" />
        <source>{name} (staff)</source>
        <translation>{name} (personal)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="580" />
        <source>and {n} more</source>
        <translation>y {n} más</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="585" />
        <source>Sent to {reach}</source>
        <translation>Enviado a {reach}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/new_message.py" line="587" />
        <source>; {n} opted out</source>
        <translation>; dados de baja: {n}</translation>
    </message>
</context>
<context>
    <name>ParticipantsDialog</name>
    <message>
        <location filename="../../desk/ui/inbox/participants_dialog.py" line="211" />
        <source>Add participants</source>
        <translation>Añadir participantes</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/participants_dialog.py" line="223" />
        <source>Search staff and guardians by name…</source>
        <translation>Buscar personal y tutores por nombre…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/participants_dialog.py" line="225" />
        <source>Search people</source>
        <translation>Buscar personas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/participants_dialog.py" line="232" />
        <source>People who can be added</source>
        <translation>Personas que se pueden añadir</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/participants_dialog.py" line="248" />
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/participants_dialog.py" line="277" />
        <source>{picked} selected · {total} of {most} people</source>
        <translation>Seleccionados: {picked} · {total} de {most} personas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/participants_dialog.py" line="286" />
        <source>Cannot add: {reason}</source>
        <translation>No se puede añadir: {reason}</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../desk/kiosk/pin_screen.py" line="28" />
        <source>Welcome! Please enter your PIN</source>
        <translation>¡Le damos la bienvenida! Introduzca su PIN</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/pin_screen.py" line="67" />
        <source>That PIN was not recognised. Please try again ({n} tries left).</source>
        <translation>No reconocemos ese PIN. Inténtelo de nuevo (intentos restantes: {n}).</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/pin_screen.py" line="80" />
        <source>Too many wrong PINs. The keypad is locked for {s} s. Please ask at the office if you need help.</source>
        <translation>Demasiados PIN incorrectos. El teclado queda bloqueado durante {s} s. Si necesita ayuda, pregunte en la oficina.</translation>
    </message>
</context>
<context>
    <name>PreferencesBox</name>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="78" />
        <source>HOW THEY ARE TOLD OF MESSAGES</source>
        <translation>CÓMO SE LE AVISA DE LOS MENSAJES</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="82" />
        <source>Preferred channel</source>
        <translation>Canal preferido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="88" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="89" />
        <source>en, es, pt-BR…</source>
        <translation>en, es, pt-BR…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="93" />
        <source>&amp;Save preferences</source>
        <translation>&amp;Guardar preferencias</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="104" />
        <source>&amp;Reset</source>
        <translation>&amp;Restablecer</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="106" />
        <source>Use the preferred channel again</source>
        <translation>Volver a usar el canal preferido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="108" />
        <source>Keep their conversations private (split family)</source>
        <translation>Mantener sus conversaciones en privado (familia separada)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="112" />
        <source>This guardian's conversations are their own, not shared with the family's other guardians (administrators change this)</source>
        <translation>Las conversaciones de este tutor son solo suyas y no se comparten con los demás tutores de la familia (lo cambian los administradores)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="123" />
        <source>Tell them by</source>
        <translation>Avisarle por</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="125" />
        <source>in</source>
        <translation>en</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="169" />
        <source>Pick a guardian to see how they are told of messages.</source>
        <translation>Elija un tutor para ver cómo se le avisa de los mensajes.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="171" />
        <source>Authorized pickups are not sent messages.</source>
        <translation>A las personas autorizadas para recoger no se les envían mensajes.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="187" />
        <source>Only administrators and staff with messaging or Mass Text may change this.</source>
        <translation>Solo los administradores y el personal con mensajería o Textos masivos pueden cambiar esto.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="190" />
        <source>Only an administrator or {name} may change this.</source>
        <translation>Solo un administrador o {name} puede cambiar esto.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="212" />
        <source>Not saved: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="256" />
        <source>Texts need a phone number on this record.</source>
        <translation>Los mensajes de texto necesitan un número de teléfono en esta ficha.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="257" />
        <source>Email needs an email address on this record.</source>
        <translation>El correo electrónico necesita una dirección de correo en esta ficha.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="272" />
        <source>Texts</source>
        <translation>Mensajes de texto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="273" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="274" />
        <source>App notifications</source>
        <translation>Notificaciones de la aplicación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="277" />
        <source>{channel} failing since {when} ({reason})</source>
        <translation>{channel}: falla desde {when} ({reason})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="288" />
        <source>using text messages</source>
        <translation>ahora se usan los mensajes de texto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="289" />
        <source>using email</source>
        <translation>ahora se usa el correo electrónico</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="290" />
        <source>using the app</source>
        <translation>ahora se usa la aplicación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/preferences.py" line="292" />
        <source>no other channel reaches them</source>
        <translation>ningún otro canal le llega</translation>
    </message>
</context>
<context>
    <name>PushDialog</name>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="58" />
        <source>Send Push Notification Message</source>
        <translation>Enviar notificación push</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="70" />
        <source>Classes and camps reach families with an ACTIVE enrollment only.</source>
        <translation>Las clases y los campamentos solo llegan a las familias con una inscripción ACTIVA.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="78" />
        <source>One per family</source>
        <translation>Una por familia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="79" />
        <source>One per student</source>
        <translation>Una por alumno</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="80" />
        <source>One per enrollment</source>
        <translation>Una por inscripción</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="84" />
        <source>Attending &amp;between</source>
        <translation>Asisten &amp;entre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="105" />
        <source>An estimate from the devices that installed the app: it cannot know about apps uninstalled since, or notifications turned off.</source>
        <translation>Una estimación según los dispositivos que instalaron la aplicación: no puede saber si la han desinstalado después ni si han desactivado las notificaciones.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="111" />
        <source>None of these families has a device with the app and notifications on, so there is nothing to send.</source>
        <translation>Ninguna de estas familias tiene un dispositivo con la aplicación y las notificaciones activadas, así que no hay nada que enviar.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="119" />
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="123" />
        <location filename="../../desk/ui/compose/push_dialog.py" line="124" />
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="127" />
        <location filename="../../desk/ui/compose/push_dialog.py" line="128" />
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="136" />
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="140" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="194" />
        <source>No template</source>
        <translation>Sin plantilla</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="225" />
        <source># of Push Notification messages being sent: {n}</source>
        <translation>Notificaciones push que se enviarán: {n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="242" />
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/push_dialog.py" line="250" />
        <source>Sending notifications needs the Mass Text permission.</source>
        <translation>Para enviar notificaciones hace falta el permiso Textos masivos.</translation>
    </message>
</context>
<context>
    <name>QueueKioskMessageDialog</name>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="256" />
        <source>Queue a kiosk message</source>
        <translation>Poner un mensaje en el quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="263" />
        <source>Find a guardian or family…</source>
        <translation>Buscar un tutor o una familia…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="278" />
        <source>Shown at the guardian's next PIN entry at the sign-in kiosk</source>
        <translation>Se muestra la próxima vez que el tutor introduzca su PIN en el quiosco de entrada y salida</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="289" />
        <source>Queue</source>
        <translation>Poner en cola</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="328" />
        <source>For: {names}</source>
        <translation>Para: {names}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_messages.py" line="328" />
        <source>Choose guardians</source>
        <translation>Elegir tutores</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <location filename="../../desk/ui/inbox/rename_dialog.py" line="31" />
        <source>Rename conversation</source>
        <translation>Cambiar el nombre de la conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/rename_dialog.py" line="37" />
        <source>Conversation title</source>
        <translation>Título de la conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/rename_dialog.py" line="48" />
        <source>Rename</source>
        <translation>Cambiar nombre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/rename_dialog.py" line="54" />
        <source>Everyone in the conversation sees the new title.</source>
        <translation>Todos los de la conversación ven el nuevo título.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/rename_dialog.py" line="74" />
        <source>Cannot rename: {reason}</source>
        <translation>No se puede cambiar el nombre: {reason}</translation>
    </message>
</context>
<context>
    <name>ResetKioskPinDialog</name>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="114" />
        <source>New kiosk PIN</source>
        <translation>Nuevo PIN del quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="116" />
        <source>{name}'s new PIN for the sign-in kiosk. Their old PIN no longer works.</source>
        <translation>Nuevo PIN de {name} para el quiosco de entrada y salida. El PIN anterior ya no funciona.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="124" />
        <source>Hand it over now: Front Desk will not show it again.</source>
        <translation>Entréguelo ahora: Front Desk no lo volverá a mostrar.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="93" />
        <source>Kiosk settings</source>
        <translation>Ajustes del quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="98" />
        <source>Shorter idle timeout</source>
        <translation>Tiempo de espera más corto</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="99" />
        <source>Longer idle timeout</source>
        <translation>Tiempo de espera más largo</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="109" />
        <source>Sign out this device</source>
        <translation>Cerrar la sesión de este dispositivo</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="111" />
        <source>Exit kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="113" />
        <source>Back to the kiosk</source>
        <translation>Volver al quiosco</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="135" />
        <source>{n} sign-ins or acknowledgements are still waiting to be sent; this device can be signed out once they are.</source>
        <translation>Aún hay registros de entrada o confirmaciones por enviar ({n}); podrá cerrar la sesión de este dispositivo cuando se hayan enviado.</translation>
    </message>
    <message>
        <location filename="../../desk/kiosk/admin_screens.py" line="149" />
        <source>Back to the PIN screen after {s} s without a touch</source>
        <translation>Vuelve a la pantalla del PIN tras {s} s sin tocarla</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desk/ui/mainwindow/shortcuts.py" line="57" />
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/shortcuts.py" line="61" />
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/shortcuts.py" line="61" />
        <source>Action</source>
        <translation>Acción</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desk/ui/mainwindow/sign_in.py" line="34" />
        <source>Sign in to Front Desk</source>
        <translation>Iniciar sesión en Front Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/sign_in.py" line="50" />
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/sign_in.py" line="51" />
        <source>&amp;Username</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/sign_in.py" line="52" />
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/sign_in.py" line="56" />
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/sign_in.py" line="73" />
        <source>Fill in the server, your username and your password.</source>
        <translation>Indique el servidor, su usuario y su contraseña.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/sign_in.py" line="76" />
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
</context>
<context>
    <name>StaffRecordPage</name>
    <message>
        <location filename="../../desk/ui/records/records.py" line="538" />
        <source>CONTACT</source>
        <translation>CONTACTO</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="542" />
        <source>PERMISSIONS</source>
        <translation>PERMISOS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="544" />
        <source>ROOMS</source>
        <translation>AULAS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="546" />
        <source>GROUPS</source>
        <translation>GRUPOS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="552" />
        <source>&amp;Details</source>
        <translation>&amp;Datos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="553" />
        <source>&amp;Communication</source>
        <translation>&amp;Comunicación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="568" />
        <source>{role} · username {username}</source>
        <translation>{role} · usuario {username}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="571" />
        <source>Phone: {phone}</source>
        <translation>Teléfono: {phone}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="571" />
        <location filename="../../desk/ui/records/records.py" line="572" />
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="572" />
        <source>Email: {email}</source>
        <translation>Correo electrónico: {email}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="573" />
        <source>Prefers: {channel}</source>
        <translation>Prefiere: {channel}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="577" />
        <source>Texts: opted in</source>
        <translation>Mensajes de texto: dado/a de alta</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="579" />
        <source>Texts: not sent — {reason}</source>
        <translation>Mensajes de texto: no se envían: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="582" />
        <source>No longer active</source>
        <translation>Ya no está activo/a</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="589" />
        <source>Messaging in own rooms only</source>
        <translation>Mensajería solo en sus aulas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="591" />
        <source>No rooms</source>
        <translation>Sin aulas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="592" />
        <source>No groups</source>
        <translation>Sin grupos</translation>
    </message>
</context>
<context>
    <name>StaffView</name>
    <message>
        <location filename="../../desk/ui/records/records.py" line="465" />
        <source>Search staff by name or phone…</source>
        <translation>Buscar personal por nombre o teléfono…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="471" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="472" />
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="473" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="480" />
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/records/records.py" line="486" />
        <source>Pick a staff member to see their record.</source>
        <translation>Elija un miembro del personal para ver su ficha.</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <location filename="../../desk/sync/engine.py" line="189" />
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../desk/sync/engine.py" line="207" />
        <source>Up to date</source>
        <translation>Al día</translation>
    </message>
    <message>
        <location filename="../../desk/sync/engine.py" line="282" />
        <source>Sync failed: {error}</source>
        <translation>Error de sincronización: {error}</translation>
    </message>
    <message>
        <location filename="../../desk/sync/engine.py" line="288" />
        <source>Syncing… {rows} changes ({percent}%)</source>
        <translation>Sincronizando… cambios: {rows} ({percent} %)</translation>
    </message>
</context>
<context>
    <name>TemplateButton</name>
    <message>
        <location filename="../../desk/ui/shared/template_menu.py" line="65" />
        <source>&amp;Templates</source>
        <translation>&amp;Plantillas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/shared/template_menu.py" line="66" />
        <source>Insert a template</source>
        <translation>Insertar una plantilla</translation>
    </message>
    <message>
        <location filename="../../desk/ui/shared/template_menu.py" line="67" />
        <source>Fill the message from a saved template</source>
        <translation>Rellenar el mensaje con una plantilla guardada</translation>
    </message>
    <message>
        <location filename="../../desk/ui/shared/template_menu.py" line="105" />
        <source>No templates yet</source>
        <translation>Todavía no hay plantillas</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="73" />
        <source>Page</source>
        <translation>Página</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="74" />
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="75" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="80" />
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="83" />
        <source>&amp;New template</source>
        <translation>&amp;Nueva plantilla</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="86" />
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="89" />
        <source>Delete the chosen template (asks first)</source>
        <translation>Eliminar la plantilla elegida (pregunta antes)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="91" />
        <location filename="../../desk/ui/compose/templates_editor.py" line="128" />
        <location filename="../../desk/ui/compose/templates_editor.py" line="300" />
        <source>Only administrators can change templates.</source>
        <translation>Solo los administradores pueden cambiar las plantillas.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="113" />
        <source>Insert a variable</source>
        <translation>Insertar una variable</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="114" />
        <source>Insert variable…</source>
        <translation>Insertar variable…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="124" />
        <source>&amp;Save template</source>
        <translation>&amp;Guardar plantilla</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="135" />
        <source>N&amp;ame</source>
        <translation>N&amp;ombre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="136" />
        <source>&amp;Page</source>
        <translation>&amp;Página</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="137" />
        <source>&amp;Channel</source>
        <translation>&amp;Canal</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="138" />
        <source>&amp;Title</source>
        <translation>&amp;Título</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="139" />
        <source>&amp;Message</source>
        <translation>&amp;Mensaje</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="186" />
        <source>Delete template?</source>
        <translation>¿Eliminar la plantilla?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="189" />
        <source>Delete the template “{name}” ({page}, {channel})? It goes from every workstation; messages already sent with it are kept.</source>
        <translation>¿Eliminar la plantilla «{name}» ({page}, {channel})? Desaparece de todos los equipos; los mensajes ya enviados con ella se conservan.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="193" />
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="285" />
        <source>1 SMS segment</source>
        <translation>1 segmento de SMS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="285" />
        <source>{n} SMS segments</source>
        <translation>{n} segmentos de SMS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="287" />
        <source>{n} characters · {segments} ({encoding})</source>
        <translation>{n} caracteres · {segments} ({encoding})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="292" />
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="296" />
        <source>Give the template a name.</source>
        <translation>Ponga un nombre a la plantilla.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="298" />
        <source>Write the message.</source>
        <translation>Escriba el mensaje.</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="45" />
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="46" />
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="47" />
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="48" />
        <source>Camps</source>
        <translation>Campamentos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="49" />
        <source>Enrollments</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="50" />
        <source>New Message and replies</source>
        <translation>Nuevo mensaje y respuestas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/compose/templates_editor.py" line="51" />
        <source>Messenger Center</source>
        <translation>Mensajería SMS</translation>
    </message>
    <message>
        <location filename="../../desk/ui/shared/template_menu.py" line="39" />
        <source>Not sent as typed: {reason}</source>
        <translation>No se envía tal como está escrito: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/shared/template_menu.py" line="42" />
        <source>Replace {{{name}}} with the text itself: only push notifications fill in template variables for each recipient.</source>
        <translation>Sustituya {{{name}}} por el propio texto: solo las notificaciones push rellenan las variables de plantilla para cada destinatario.</translation>
    </message>
</context>
<context>
    <name>ThreadList</name>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="402" />
        <source>Search messages, names, phone numbers…</source>
        <translation>Buscar mensajes, nombres, números de teléfono…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="404" />
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="418" />
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="419" />
        <source>Unread</source>
        <translation>No leída</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="420" />
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="421" />
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="429" />
        <source>Show {label} conversations</source>
        <translation>Mostrar conversaciones: {label}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="438" />
        <source>Archived</source>
        <translation>Archivadas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="441" />
        <source>Show archived conversations</source>
        <translation>Mostrar conversaciones archivadas</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="443" />
        <source>Conversations you archived; open one to unarchive it</source>
        <translation>Conversaciones que usted archivó; abra una para desarchivarla</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="449" />
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
</context>
<context>
    <name>ThreadListModel</name>
    <message>
        <location filename="../../desk/ui/inbox/thread_list.py" line="176" />
        <source>{name}, {status}, {when}: {snippet}</source>
        <translation>{name}, {status}, {when}: {snippet}</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="286" />
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="288" />
        <source>Close conversation</source>
        <translation>Cerrar conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="289" />
        <source>Mark this conversation complete (Ctrl+Shift+C)</source>
        <translation>Marcar esta conversación como terminada (Ctrl+Mayús+C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="291" />
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="293" />
        <source>Reopen conversation</source>
        <translation>Reabrir conversación</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="294" />
        <source>Follow-up needed after all (Ctrl+Shift+O)</source>
        <translation>Al final necesita seguimiento (Ctrl+Mayús+O)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="413" />
        <source>No conversation selected</source>
        <translation>Ninguna conversación seleccionada</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="414" />
        <source>Pick one from the list, or start a New Message.</source>
        <translation>Elija una de la lista o empiece un Nuevo mensaje.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="491" />
        <source>This conversation has been stopped; it takes no replies.</source>
        <translation>Esta conversación se ha detenido; no admite respuestas.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="492" />
        <source>Sending text messages needs the Mass Text permission.</source>
        <translation>Para enviar mensajes de texto hace falta el permiso Textos masivos.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="493" />
        <source>Office Chat needs full messaging access.</source>
        <translation>El Chat de la oficina requiere acceso completo a la mensajería.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="494" />
        <source>This number cannot be texted: {reason}</source>
        <translation>No se puede enviar mensajes de texto a este número: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="545" />
        <source>Whole family</source>
        <translation>Toda la familia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/thread_view.py" line="550" />
        <source>Conversation with {name}</source>
        <translation>Conversación con {name}</translation>
    </message>
</context>
<context>
    <name>UnknownNumberBar</name>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="302" />
        <source>No family or staff record has this number. Give it to a guardian or save it as a new contact; the conversation stays.</source>
        <translation>Ninguna ficha de familia ni del personal tiene este número. Asígneselo a un tutor o guárdelo como contacto nuevo; la conversación se conserva.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="308" />
        <source>&amp;Link number…</source>
        <translation>&amp;Vincular número…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="311" />
        <source>Give this number to a guardian, or save it as a new contact</source>
        <translation>Asignar este número a un tutor o guardarlo como contacto nuevo</translation>
    </message>
</context>
<context>
    <name>UnknownNumberDialog</name>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="68" />
        <source>Number {phone}</source>
        <translation>Número {phone}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="71" />
        <source>No family or staff record has {phone}. Give it to a guardian or save it as a new contact: its conversation and every message stay, now under their name.</source>
        <translation>Ninguna ficha de familia ni del personal tiene el {phone}. Asígneselo a un tutor o guárdelo como contacto nuevo: su conversación y todos los mensajes se conservan, ahora a su nombre.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="80" />
        <source>Search guardians, families, children, phones…</source>
        <translation>Buscar tutores, familias, niños, teléfonos…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="81" />
        <source>Search guardians</source>
        <translation>Buscar tutores</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="87" />
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="88" />
        <location filename="../../desk/ui/inbox/unknown_number.py" line="144" />
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="89" />
        <source>Number now</source>
        <translation>Número actual</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="89" />
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="97" />
        <location filename="../../desk/ui/inbox/unknown_number.py" line="145" />
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="121" />
        <source>Mother, grandfather…</source>
        <translation>Madre, abuelo…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="124" />
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="125" />
        <source>A new family named</source>
        <translation>Una familia nueva llamada</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="128" />
        <source>An existing family:</source>
        <translation>Una familia existente:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="135" />
        <source>their last name</source>
        <translation>su apellido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="138" />
        <source>Search families…</source>
        <translation>Buscar familias…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="139" />
        <source>Search families</source>
        <translation>Buscar familias</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="153" />
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="160" />
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="161" />
        <source>&amp;Last name</source>
        <translation>&amp;Apellido</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="162" />
        <source>&amp;Relationship</source>
        <translation>&amp;Parentesco</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="163" />
        <source>&amp;Email</source>
        <translation>&amp;Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="169" />
        <source>&amp;Link to a guardian</source>
        <translation>&amp;Vincular a un tutor</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="170" />
        <source>&amp;New contact</source>
        <translation>Contacto n&amp;uevo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="232" />
        <source>Not saved: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="243" />
        <source>No guardian matches “{search}”. Names match from three letters, numbers by their digits.</source>
        <translation>Ningún tutor coincide con «{search}». Los nombres se buscan a partir de tres letras; los números, por sus dígitos.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="252" />
        <source>Link number</source>
        <translation>Vincular número</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="263" />
        <source>Replace {name}'s number {phone} with this one</source>
        <translation>Sustituir el número {phone} de {name} por este</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="269" />
        <source>Save contact</source>
        <translation>Guardar contacto</translation>
    </message>
    <message>
        <location filename="../../desk/ui/inbox/unknown_number.py" line="278" />
        <source>That email address is not complete.</source>
        <translation>Esa dirección de correo electrónico no está completa.</translation>
    </message>
</context>
<context>
    <name>UnreadTray</name>
    <message>
        <location filename="../../desk/ui/mainwindow/tray.py" line="66" />
        <source>1 new message</source>
        <translation>1 mensaje nuevo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/tray.py" line="68" />
        <source>{n} new messages</source>
        <translation>{n} mensajes nuevos</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/tray.py" line="74" />
        <source>Front Desk — {n} unread</source>
        <translation>Front Desk: {n} sin leer</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/tray.py" line="76" />
        <source>Front Desk — nothing unread</source>
        <translation>Front Desk: nada sin leer</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/tray.py" line="82" />
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
</context>
<context>
    <name>_SecretDialog</name>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="42" />
        <source>Asking the server…</source>
        <translation>Consultando al servidor…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/admin/kiosk_admin.py" line="53" />
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
</context>
<context>
    <name>bar</name>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="24" />
        <source>Messages waiting to send</source>
        <translation>Mensajes pendientes de envío</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="25" />
        <source>○ Starting…</source>
        <translation>○ Iniciando…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="27" />
        <source>Sync state</source>
        <translation>Estado de la sincronización</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../desk/ui/shared/operations.py" line="30" />
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
</context>
<context>
    <name>self._bar</name>
    <message>
        <location filename="../../desk/ui/mainwindow/status_bar.py" line="64" />
        <source>{n} waiting to send</source>
        <translation>Por enviar: {n}</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../desk/ui/app.py" line="172" />
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/app.py" line="174" />
        <source>Front Desk needs the server once to open this profile for the first time: {reason}. Try again when the network is back.</source>
        <translation>Front Desk necesita el servidor una vez para abrir este perfil por primera vez: {reason}. Inténtelo de nuevo cuando vuelva la red.</translation>
    </message>
</context>
</TS>
